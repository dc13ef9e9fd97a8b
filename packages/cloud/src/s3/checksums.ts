import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The additional checksum algorithms of S3 (flexible checksums), as the SDK names them. */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** How S3 checksums a multipart object: of the whole object, or of the part checksums (`...-N`). */
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

/** An object's stored checksum, echoed in `x-amz-checksum-*` headers. */
export interface StoredChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Base64, with `-<parts>` for a composite checksum. */
  readonly value: string;
  readonly type: ChecksumType;
}

/** `x-amz-checksum-crc32` for `CRC32`. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** `CRC32` for `crc32` (header suffix, query value or XML), or undefined when S3 knows no such algorithm. */
export function parseChecksumAlgorithm(name: string): ChecksumAlgorithm | undefined {
  const upper = name.toUpperCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
}

/** The checksum-bearing XML element for an algorithm (`ChecksumCRC32`). */
export function checksumElementName(algorithm: ChecksumAlgorithm): string {
  return `Checksum${algorithm}`;
}

const CRC32C_TABLE = crcTable(0x82f63b78);

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

function crc32c(data: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

/**
 * An incremental checksum. CRC64NVME is not computed (Node has no implementation and the SDK
 * needs the CRT package for it), so such checksums are stored as given and not verified.
 */
export class ChecksumHasher {
  readonly algorithm: ChecksumAlgorithm;
  #crc = 0;
  readonly #hash: Hash | undefined;

  constructor(algorithm: ChecksumAlgorithm) {
    this.algorithm = algorithm;
    this.#hash =
      algorithm === 'SHA1' ? createHash('sha1') : algorithm === 'SHA256' ? createHash('sha256') : undefined;
  }

  /** Whether this algorithm is computed here (and so can be verified). */
  get computable(): boolean {
    return this.algorithm !== 'CRC64NVME';
  }

  update(data: Uint8Array): this {
    if (this.algorithm === 'CRC32') this.#crc = crc32(data, this.#crc);
    else if (this.algorithm === 'CRC32C') this.#crc = crc32c(data, this.#crc);
    else this.#hash?.update(data);
    return this;
  }

  /** The raw digest, or undefined for an algorithm not computed here. */
  digest(): Buffer | undefined {
    if (this.algorithm === 'CRC32' || this.algorithm === 'CRC32C') return uint32(this.#crc);
    return this.#hash?.digest();
  }
}

/** The base64 checksum of `data`, or undefined for an algorithm not computed here. */
export function computeChecksum(algorithm: ChecksumAlgorithm, data: Uint8Array): string | undefined {
  return new ChecksumHasher(algorithm).update(data).digest()?.toString('base64');
}

/**
 * S3's checksum of a multipart object of type COMPOSITE: the checksum of the concatenated binary
 * part checksums, then `-<number of parts>`.
 */
export function compositeChecksum(
  algorithm: ChecksumAlgorithm,
  partChecksums: readonly string[],
): string | undefined {
  const hasher = new ChecksumHasher(algorithm);
  for (const part of partChecksums) hasher.update(Buffer.from(part, 'base64'));
  const digest = hasher.digest();
  return digest ? `${digest.toString('base64')}-${partChecksums.length}` : undefined;
}
