/**
 * A small zip writer for hostile archives that Python's zipfile will not write: a local header
 * whose name differs from the central directory's, an Info-ZIP Unicode Path extra field (0x7075),
 * and deflate data given ready-made (one compressed stream reused for many members, to build a
 * bomb in milliseconds). The output is a real zip (APPNOTE.TXT 4.3): Python's zipfile is the
 * oracle that reads it in the tests.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMember {
  /** The name in the central directory. */
  name: string;
  /** The name in the local header, when it differs. */
  localName?: string;
  /** The bytes (stored deflated), or ready-made deflate data with its CRC and size. */
  data?: Buffer;
  deflated?: { bytes: Buffer; crc: number; size: number };
  /** Extra field bytes, in both headers. */
  extra?: Buffer;
  /** Unix mode (file type and permissions); default a regular file, 0644. */
  mode?: number;
}

/** The Info-ZIP Unicode Path extra field (0x7075): `unicode` shown instead of the raw `raw` name. */
export function unicodePathExtra(raw: string, unicode: string): Buffer {
  const name = Buffer.from(unicode, 'utf8');
  const head = Buffer.alloc(9);
  head.writeUInt16LE(0x7075, 0);
  head.writeUInt16LE(5 + name.length, 2);
  head.writeUInt8(1, 4);
  head.writeUInt32LE(crc32(Buffer.from(raw, 'utf8')) >>> 0, 5);
  return Buffer.concat([head, name]);
}

export function writeZipBytes(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data = m.deflated?.bytes ?? deflateRawSync(m.data ?? Buffer.alloc(0));
    const crc = m.deflated?.crc ?? crc32(m.data ?? Buffer.alloc(0)) >>> 0;
    const size = m.deflated?.size ?? (m.data ?? Buffer.alloc(0)).length;
    const name = Buffer.from(m.name, 'utf8');
    const localName = Buffer.from(m.localName ?? m.name, 'utf8');
    const extra = m.extra ?? Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, localName, extra, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(((m.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + localName.length + extra.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
