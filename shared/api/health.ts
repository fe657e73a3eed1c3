/** `GET /api/health`: 200 while the server serves (DESIGN.md's minimal contract). */
export interface Health {
  ok: true;
}
