// Writes small ZIP files byte by byte, including broken ones no ZIP library would make:
// the bad inputs Keepsake must explain (encrypted, unknown compression, lying sizes).
import { deflateRawSync, crc32 } from 'node:zlib';

/// entries: [{ name, data: Buffer, deflate?: bool, method?: number, flags?: number, declaredSize?: number }]
export function craftZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const method = entry.method ?? (entry.deflate ? 8 : 0);
    const flags = entry.flags ?? 0;
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/// A minimal Accounts Center export skeleton plus `extra` entries.
export function exportWith(extra) {
  const json = (value) => Buffer.from(JSON.stringify(value));
  return craftZip([
    { name: 'personal_information/personal_information/personal_information.json',
      data: json({ profile_user: [{ string_map_data: { Username: { value: 'bad.input', timestamp: 0 } } }] }), deflate: true },
    { name: 'your_instagram_activity/media/posts_1.json', data: json([]), deflate: true },
    ...extra,
  ]);
}
