/** A tag as amoCRM's Tag; a missing color is left out (the reference spec types it as a string). */
export const presentTag = (t: { id: number; name: string; color: string | null }) => ({
  id: t.id,
  name: t.name,
  ...(t.color !== null ? { color: t.color } : {}),
});
