/** Who wrote which passage of a section. */
import type { AttributedBlock, Attribution, AuthorShare } from '../../../shared/api/attribution';

const presentBlock = (block: AttributedBlock): AttributedBlock => ({
  kind: block.kind,
  level: block.level,
  runs: block.runs.map((run) => ({ text: run.text, personId: run.personId })),
});

const presentShare = (share: AuthorShare): AuthorShare => ({
  id: share.id,
  name: share.name,
  colour: share.colour,
  characters: share.characters,
});

export function presentAttribution(attribution: Attribution): Attribution {
  return { blocks: attribution.blocks.map(presentBlock), people: attribution.people.map(presentShare) };
}
