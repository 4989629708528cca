// The subs an import run has already decided, to report a second record with the same sub instead of overwriting.
// A million subs as strings in a Set would cost ~80 MB; as two 32-bit hashes in an open-addressed table, 16 MB.

/** Two independent 32-bit hashes of a sub (FNV-1a and a multiplicative variant); together 64 bits. */
function hashes(sub: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < sub.length; i++) {
    const ch = sub.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // 0/0 marks an empty slot: nudge the one pair that would look empty
  return [a >>> 0, (b >>> 0) || 1];
}

/**
 * A set of subs by 64-bit hash: a false "seen" needs two subs of one run to share 64 bits (about 1 in 10^7 for a
 * million users), which would report one user as a duplicate conflict rather than lose anything.
 */
export class SeenSubs {
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  #size = 0;

  has(sub: string): boolean {
    const [h, l] = hashes(sub);
    return this.#find(h, l) >= 0;
  }

  add(sub: string): void {
    const [h, l] = hashes(sub);
    if (this.#find(h, l) >= 0) return;
    if ((this.#size + 1) * 2 > this.#hi.length) this.#grow();
    this.#put(h, l);
    this.#size += 1;
  }

  #find(h: number, l: number): number {
    const mask = this.#hi.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.#hi[i] === 0 && this.#lo[i] === 0) return -1;
      if (this.#hi[i] === h && this.#lo[i] === l) return i;
    }
  }

  #put(h: number, l: number): void {
    const mask = this.#hi.length - 1;
    let i = h & mask;
    while (this.#hi[i] !== 0 || this.#lo[i] !== 0) i = (i + 1) & mask;
    this.#hi[i] = h;
    this.#lo[i] = l;
  }

  #grow(): void {
    const [hi, lo] = [this.#hi, this.#lo];
    this.#hi = new Uint32Array(hi.length * 2);
    this.#lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.#put(hi[i], lo[i]);
  }
}
