#!/usr/bin/env node
// Draws the app icon (assets/icons/icon.png, 512x512 RGBA) with Node
// built-ins only, so the icon can be rebuilt on any machine without image
// tools: a blue rounded square (antd primary #1677ff) with a white house
// (the station) and a door. 4x4 supersampling for smooth edges.
// Run: node assets/icons/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const BLUE = [0x16, 0x77, 0xff];
const WHITE = [0xff, 0xff, 0xff];

function insideRoundedSquare(x, y) {
  const margin = 16;
  const radius = 96;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin;
}

function insideHouse(x, y) {
  // Roof: triangle with apex (256,112), base y=248 from x=104 to x=408.
  const roof = y >= 112 && y <= 248 && Math.abs(x - 256) <= ((y - 112) / 136) * 152;
  // Body: rectangle below the roof.
  const body = x >= 144 && x <= 368 && y >= 240 && y <= 400;
  // Door: cut out of the body.
  const door = x >= 228 && x <= 284 && y >= 316 && y <= 400;
  return (roof || body) && !door;
}

function pixel(px, py) {
  let blue = 0;
  let white = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!insideRoundedSquare(x, y)) continue;
      if (insideHouse(x, y)) white++;
      else blue++;
    }
  }
  const covered = blue + white;
  if (covered === 0) return [0, 0, 0, 0];
  const mix = (i) => Math.round((BLUE[i] * blue + WHITE[i] * white) / covered);
  return [mix(0), mix(1), mix(2), Math.round((255 * covered) / (SAMPLES * SAMPLES))];
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function png() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'icon.png'), png());
console.log(`wrote ${join(here, 'icon.png')} (${SIZE}x${SIZE})`);
