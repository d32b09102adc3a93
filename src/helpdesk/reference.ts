// Ticket references people read aloud and type: "PX-7K4Q-2MZD". The alphabet leaves out 0/O,
// 1/I/L and U so nobody has to guess which character they are looking at.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "PX";
const PATTERN = new RegExp(`^${PREFIX}-[${ALPHABET}]{4}-[${ALPHABET}]{4}$`);

function randomCharacters(count: number): string {
  let out = "";
  // Bytes at or above the largest multiple of the alphabet size are skipped so every character is equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < count) {
    for (const byte of crypto.getRandomValues(new Uint8Array(count * 2))) {
      if (byte < limit && out.length < count) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

export function newReference(): string {
  const characters = randomCharacters(8);
  return `${PREFIX}-${characters.slice(0, 4)}-${characters.slice(4)}`;
}

/** A reference as typed or pasted (any case, stray spaces) in canonical form, or null if it cannot be one. */
export function normalizeReference(value: string | null | undefined): string | null {
  const candidate = (value ?? "").trim().toUpperCase();
  return PATTERN.test(candidate) ? candidate : null;
}
