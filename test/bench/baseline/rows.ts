// The baseline's three rows, shared by its start-up entry (extension.ts) and its soak entry (soak.ts).
export const ROWS = ['Signed in as Jordan Avery', 'Balance $18.75', 'Envelopes 1,760'];
