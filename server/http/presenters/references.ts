/** The cross-reference index as the client sees it (#18). */
import type { ReferenceIndex, ReferenceTarget } from '../../../shared/api/references';

export function presentReferenceTarget(target: ReferenceTarget): ReferenceTarget {
  return {
    section: target.section,
    target: target.target,
    kind: target.kind,
    number: target.number,
    title: target.title,
    ...(target.ordinal === undefined ? {} : { ordinal: target.ordinal }),
  };
}

export function presentReferenceIndex(targets: ReferenceTarget[]): ReferenceIndex {
  return { targets: targets.map(presentReferenceTarget) };
}
