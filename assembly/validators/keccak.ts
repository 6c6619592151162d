// Keccak-256 (the pre-standard SHA-3 Ethereum uses: padding byte 0x01, not SHA3-256's 0x06).
// Only needed for EIP-55 address checksums, so inputs are short; the state is static.

const STATE: usize = memory.data(200, 8); // 25 lanes of 64 bits, little-endian like the spec
const BC: usize = memory.data(40, 8); // column parities / chi row scratch

const RC: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);
// rho rotation amounts and pi lane order, walked together along the pi cycle starting at lane 1.
const ROTC: usize = memory.data<u8>([
  1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
]);
const PILN: usize = memory.data<u8>([
  10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
]);

@inline function lane(i: i32): u64 { return load<u64>(STATE + <usize>(i << 3)); }
@inline function setLane(i: i32, v: u64): void { store<u64>(STATE + <usize>(i << 3), v); }
@inline function bc(i: i32): u64 { return load<u64>(BC + <usize>(i << 3)); }
@inline function setBc(i: i32, v: u64): void { store<u64>(BC + <usize>(i << 3), v); }

function keccakF(): void {
  for (let r = 0; r < 24; r++) {
    // theta
    for (let i = 0; i < 5; i++) {
      setBc(i, lane(i) ^ lane(i + 5) ^ lane(i + 10) ^ lane(i + 15) ^ lane(i + 20));
    }
    for (let i = 0; i < 5; i++) {
      const t = bc((i + 4) % 5) ^ rotl<u64>(bc((i + 1) % 5), 1);
      for (let j = 0; j < 25; j += 5) setLane(j + i, lane(j + i) ^ t);
    }
    // rho and pi
    let t = lane(1);
    for (let i = 0; i < 24; i++) {
      const j = <i32>load<u8>(PILN + <usize>i);
      const next = lane(j);
      setLane(j, rotl<u64>(t, <u64>load<u8>(ROTC + <usize>i)));
      t = next;
    }
    // chi
    for (let j = 0; j < 25; j += 5) {
      for (let i = 0; i < 5; i++) setBc(i, lane(j + i));
      for (let i = 0; i < 5; i++) setLane(j + i, bc(i) ^ (~bc((i + 1) % 5) & bc((i + 2) % 5)));
    }
    // iota
    setLane(0, lane(0) ^ load<u64>(RC + <usize>(r << 3)));
  }
}

const RATE: i32 = 136; // 1600 - 2*256 bits, in bytes

/** Keccak-256 of [ptr, ptr+len), 32 bytes to out. */
export function keccak256(ptr: usize, len: i32, out: usize): void {
  memory.fill(STATE, 0, 200);
  let i = 0;
  while (len - i >= RATE) {
    for (let k = 0; k < RATE; k++) {
      const p = STATE + <usize>k;
      store<u8>(p, load<u8>(p) ^ load<u8>(ptr + <usize>(i + k)));
    }
    keccakF();
    i += RATE;
  }
  const rest = len - i;
  for (let k = 0; k < rest; k++) {
    const p = STATE + <usize>k;
    store<u8>(p, load<u8>(p) ^ load<u8>(ptr + <usize>(i + k)));
  }
  store<u8>(STATE + <usize>rest, load<u8>(STATE + <usize>rest) ^ 0x01);
  store<u8>(STATE + <usize>(RATE - 1), load<u8>(STATE + <usize>(RATE - 1)) ^ 0x80);
  keccakF();
  memory.copy(out, STATE, 32);
}
