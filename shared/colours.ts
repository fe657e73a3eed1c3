/** Distinct cursor colours with enough contrast for white label text. */
const PALETTE = [
  '#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f',
  '#ad1457', '#4e342e', '#283593', '#558b2f', '#d84315', '#00695c',
];

/** A person's stable colour in cursors and presence lists. */
export function colourFor(personId: number): string {
  return PALETTE[Math.abs(personId) % PALETTE.length];
}
