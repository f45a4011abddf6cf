import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG } from "../seed-catalog";
import { prng, productsForShop } from "../seed";

/**
 * Deterministic generator of labelled chitty images for the benchmark and the tests:
 * handwritten-looking grocery lists drawn from the seed catalog, with quantities in every
 * format, Hinglish names, misspellings and lines that are not items, rendered in Debian's
 * handwriting-like fonts with varied size, ink, slant, rotation, ruled paper, blur and noise.
 *
 *   node lib/tools/chitty/generate.js --out <dir> [--count 160] [--seed 7] [--width 900]
 *
 * Writes <dir>/NNN.jpg, <dir>/labels.json ({file, lines: [{text, sku, quantity}]}) and
 * <dir>/catalog.csv (the project's import format). The colloquial spellings here are the
 * generator's own list, written apart from the reader's vocabulary file.
 */

export interface LabelledLine {
  text: string;
  /** The product meant, or null for a line that is not an item. */
  sku: string | null;
  quantity: number | null;
}
export interface LabelledChitty {
  file: string;
  lines: LabelledLine[];
}

// How people write catalog words (the generator's own list).
const COLLOQUIAL: Record<string, string[]> = {
  atta: ["aata", "atta", "aatta"], dal: ["daal", "dal", "dhal"], sugar: ["cheeni", "chini", "sugar"], salt: ["namak", "salt"],
  rice: ["chawal", "rice", "chaawal"], milk: ["doodh", "dudh", "milk"], eggs: ["ande", "anda", "eggs"], banana: ["kela", "kele", "banana"],
  potato: ["aloo", "alu", "potato"], onion: ["pyaz", "pyaaz", "kanda", "onion"], tomato: ["tamatar", "tomato"], jeera: ["zeera", "jeera", "jira"],
  cumin: ["jeera", "cumin"], turmeric: ["haldi", "turmeric"], oil: ["tel", "oil"], tea: ["chai", "tea"], soap: ["sabun", "soap"],
  biscuits: ["biskut", "biscuit", "biscuits"], matches: ["machis", "matches"], butter: ["makhan", "butter"], jaggery: ["gud", "jaggery"],
  sooji: ["suji", "sooji"], rava: ["rawa", "rava"], mustard: ["sarson", "mustard"], toor: ["toor", "tuvar", "arhar"], moong: ["moong", "mung"],
  coriander: ["dhania", "coriander"], chilli: ["mirchi", "chilli"], ghee: ["ghee", "ghi"], paneer: ["paneer", "panir"], curd: ["dahi", "curd"],
  noodles: ["noodles", "noodle"], coffee: ["coffee", "kaafi"], water: ["pani", "water"], hing: ["hing", "heeng"],
};
const TO_ENGLISH = new Map<string, string>();
for (const [en, forms] of Object.entries(COLLOQUIAL)) for (const f of forms) if (!TO_ENGLISH.has(f)) TO_ENGLISH.set(f, en);

const NON_ITEMS = [
  "Ramesh ji", "Sharma ji ke ghar", "Ph: 98450 12345", "Mob 9900112233", "12/11/2026", "Date 3-11-26", "Total", "Total 450",
  "jaldi bhejna", "jaldi bhejo please", "Thank you", "dhanyavad", "Flat 302 B wing", "kal subah tak", "Saman list", "- Priya",
  "Bhaiya jaldi", "2nd cross road", "Rs 500 paid", "Mrs Fatima", "aaj shaam tak dena", "Call 080 4123 4567",
];

const FONTS: Array<[string, string]> = [
  ["/usr/share/fonts/truetype/fifthhorseman/dkg.ttf", "DKG"],
  ["/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf", "DKG Italic"],
  ["/usr/share/fonts/truetype/breip/Breip.ttf", "Breip"],
  ["/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf", "BW Learn"],
  ["/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf", "BW Build"],
  ["/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf", "Femke"],
  ["/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf", "Humor"],
  ["/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf", "Comic Neue"],
  ["/usr/share/fonts/opentype/comic-neue/ComicNeue-BoldItalic.otf", "Comic Neue BI"],
  ["/usr/share/fonts/truetype/kristi/Kristi.ttf", "Kristi"],
];

interface Variant {
  sku: string;
  pack: { value: number; dim: "g" | "ml" | "pc"; text: string };
}
interface Group {
  words: string[];
  category: string;
  variants: Variant[];
  loose: boolean;
}

function packOf(unit: string): Variant["pack"] | null {
  const m = /^(?:(\d+) x )?(\d+(?:\.\d+)?) (kg|g|L|ml|dozen|pcs|pc|sticks)$/.exec(unit);
  if (!m) return null;
  const times = m[1] ? Number(m[1]) : 1;
  const v = Number(m[2]);
  const [f, dim] = ({ kg: [1000, "g"], g: [1, "g"], L: [1000, "ml"], ml: [1, "ml"], dozen: [12, "pc"], pcs: [1, "pc"], pc: [1, "pc"], sticks: [1, "pc"] } as const)[m[3] as "kg"];
  return { value: times * v * f, dim, text: unit };
}

function groups(): Group[] {
  const products = productsForShop(0, new Date(0), "generator");
  return CATALOG.map((item) => {
    const variants = products
      .filter((p) => p.name.startsWith(`${item.name} `) && item.sizes.some(([u]) => p.name === `${item.name} ${u}`))
      .map((p) => ({ sku: p.sku, pack: packOf(p.unit ?? "")! }))
      .filter((v) => v.pack);
    const words = item.name.toLowerCase().replace(/'s\b/g, "").replace(/[^a-z0-9 ]/g, " ").split(/\s+/).filter(Boolean);
    return { words, category: item.category, variants: variants.sort((a, b) => a.pack.value - b.pack.value), loose: item.category === "Fruits & Vegetables" || /loose/i.test(item.name) };
  }).filter((g) => g.variants.length > 0);
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function englishOf(word: string): string {
  return TO_ENGLISH.get(word) ?? word;
}

/** A way of naming the group that no other group's name also contains (in English words). */
function nameFor(r: () => number, g: Group, all: Group[]): string {
  const w = g.words.filter((x) => !["loose", "whole", "classic", "pure", "fresh"].includes(x) || g.words.length <= 2);
  const options: string[][] = [w, [w[0], w[w.length - 1]], [w[w.length - 1]], w.slice(0, 2), [w[0]]];
  const unique = (ws: string[]): boolean => {
    const en = ws.map(englishOf);
    return all.filter((o) => en.every((x) => o.words.map(englishOf).includes(x))).length === 1;
  };
  const roll = r();
  const order = roll < 0.2 ? [0] : roll < 0.6 ? [1, 0] : roll < 0.75 ? [2, 1, 0] : roll < 0.88 ? [3, 0] : [4, 1, 0];
  let chosen = w;
  for (const i of order) if (options[i].length && new Set(options[i]).size === options[i].length && unique(options[i])) {
    chosen = options[i];
    break;
  }
  return chosen.map((x) => (COLLOQUIAL[x] && r() < 0.65 ? pick(r, COLLOQUIAL[x]) : x)).join(" ");
}

function misspell(r: () => number, text: string): string {
  const words = text.split(" ");
  const i = Math.floor(r() * words.length);
  const w = words[i];
  if (w.length < 5) return text;
  const j = 1 + Math.floor(r() * (w.length - 2));
  const kind = r();
  let out = w;
  if (kind < 0.3 && /[aeiou]/.test(w[j])) out = w.slice(0, j) + w[j] + w.slice(j); // doubled vowel
  else if (kind < 0.6) out = w.slice(0, j) + w.slice(j + 1); // dropped letter
  else if (kind < 0.8) out = w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2); // swapped letters
  else out = w.replace(/z/g, "j").replace(/ee/g, "i").replace(/w/g, "v").replace(/ph/g, "f"); // sound-alike
  words[i] = out;
  return words.join(" ");
}

function sizeText(r: () => number, value: number, dim: "g" | "ml" | "pc"): string {
  if (dim === "g") {
    if (value === 500 && r() < 0.4) return pick(r, ["1/2 kg", "aadha kilo", "½ kg"]);
    if (value === 250 && r() < 0.3) return pick(r, ["paav kilo", "1/4 kg"]);
    if (value >= 1000 && value % 1000 === 0) return `${value / 1000}${pick(r, [" kg", "kg", " kilo", " KG"])}`;
    if (value >= 1000) return `${value / 1000} kg`;
    return `${value}${pick(r, ["g", " gm", " g", "gm", " grams"])}`;
  }
  if (dim === "ml") {
    if (value >= 1000) return `${value / 1000}${pick(r, [" ltr", "L", " litre", " l"])}`;
    return `${value}${pick(r, ["ml", " ml"])}`;
  }
  return value === 12 ? "1 dozen" : `${value} pcs`;
}

/** One item line for a group, with its label. */
function itemLine(r: () => number, g: Group, all: Group[]): LabelledLine {
  let name = nameFor(r, g, all);
  if (r() < 0.3) name = misspell(r, name);
  const smallest = g.variants[0];
  const v = pick(r, g.variants);
  const n = 1 + Math.floor(r() * (r() < 0.7 ? 3 : 6));
  const form = r();
  let text: string;
  let sku = v.sku;
  let quantity = n;
  if (g.variants[0].pack.dim === "pc") {
    // Pieces: dozens of bananas, eggs by the pack.
    const dozenPack = g.variants.find((x) => x.pack.value === 12);
    if (dozenPack && form < 0.5) {
      text = pick(r, [`${n} darjan ${name}`, `${name} ${n} dozen`, `${name} ${n} dz`]);
      [sku, quantity] = [dozenPack.sku, n];
    } else {
      text = pick(r, [`${name} ${n} pkt`, `${n} packet ${name}`, `${name} x${n}`]);
      [sku, quantity] = [smallest.sku, n];
    }
  } else if (form < 0.3) {
    // A count alone: the smallest pack.
    text = pick(r, [`${name} ${n}`, `${n} ${name}`, `${name} x${n}`, `${name} x ${n}`, `${name} - ${n}`, `${n} pkt ${name}`, `${name} ${n} pkt`, `${name} ${n} nos`]);
    [sku, quantity] = [smallest.sku, n];
  } else if (form < 0.55) {
    // The pack size alone.
    text = r() < 0.75 ? `${name} ${sizeText(r, v.pack.value, v.pack.dim)}` : `${sizeText(r, v.pack.value, v.pack.dim)} ${name}`;
    quantity = 1;
  } else if (form < 0.75) {
    // Size and count.
    text = pick(r, [`${name} ${v.pack.text} x ${n}`, `${name} ${sizeText(r, v.pack.value, v.pack.dim)} x${n}`, `${n} x ${name} ${sizeText(r, v.pack.value, v.pack.dim)}`, `${name} ${sizeText(r, v.pack.value, v.pack.dim)} - ${n} pkt`]);
  } else if (form < 0.9) {
    // A total amount: the largest pack that makes it up exactly.
    const total = v.pack.value * n;
    const fits = g.variants.filter((x) => Math.abs(total / x.pack.value - Math.round(total / x.pack.value)) < 1e-9);
    const best = fits[fits.length - 1];
    text = `${name} ${sizeText(r, total, v.pack.dim)}`;
    [sku, quantity] = [best.sku, Math.round(total / best.pack.value)];
  } else if (g.loose && smallest.pack.value === 1000 && smallest.pack.dim === "g") {
    const [words, amount] = pick(r, [["aadha kilo", 0.5], ["1/2 kg", 0.5], ["dedh kilo", 1.5], ["2.5 kg", 2.5], ["1.5 kg", 1.5], ["paav kilo", 0.25]] as Array<[string, number]>);
    const exact = g.variants.find((x) => x.pack.value === amount * 1000);
    text = r() < 0.5 ? `${name} ${words}` : `${words} ${name}`;
    [sku, quantity] = exact ? [exact.sku, 1] : [smallest.sku, amount];
  } else {
    text = name;
    [sku, quantity] = [smallest.sku, 1];
  }
  const caseRoll = r();
  if (caseRoll < 0.45) text = text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
  else if (caseRoll < 0.55) text = text.toUpperCase();
  return { text, sku, quantity };
}

/** The labelled lists (no images), deterministic for a seed. */
export function generateLists(count: number, seed: number): LabelledChitty[] {
  const r = prng(seed);
  const all = groups();
  const out: LabelledChitty[] = [];
  for (let i = 0; i < count; i++) {
    const nItems = 3 + Math.floor(r() * 11);
    const chosen = new Set<Group>();
    while (chosen.size < nItems) chosen.add(pick(r, all));
    const lines: LabelledLine[] = [...chosen].map((g) => itemLine(r, g, all));
    const nonItems = Math.floor(r() * 3);
    for (let k = 0; k < nonItems && lines.length < 15; k++) {
      const at = r() < 0.4 ? 0 : r() < 0.8 ? lines.length : Math.floor(r() * lines.length);
      lines.splice(at, 0, { text: pick(r, NON_ITEMS), sku: null, quantity: null });
    }
    if (r() < 0.25) lines.forEach((l, k) => l.sku && (l.text = `${k + 1}. ${l.text}`));
    out.push({ file: `${String(i + 1).padStart(3, "0")}.jpg`, lines });
  }
  return out;
}

/** Style overrides: a named font family, and `tidy` for an upright, sharp, lightly speckled page. */
export interface RenderStyle {
  family?: string;
  tidy?: boolean;
  /** Store the photo sideways with EXIF orientation 6 (as phones do). */
  exifSideways?: boolean;
}

/** Draws one list as a photo of handwriting on paper. */
export async function renderList(lines: string[], seed: number, width = 900, style: RenderStyle = {}): Promise<Buffer> {
  const { createCanvas, GlobalFonts } = await import("@napi-rs/canvas");
  const { default: sharp } = await import("sharp");
  const fonts = FONTS.filter(([path, family]) => GlobalFonts.has(family) || GlobalFonts.registerFromPath(path, family));
  if (!fonts.length) throw new Error("no handwriting fonts installed: run the project's scripts (they apt-get install them)");
  const r = prng(seed);
  const scale = width / 900;
  const family = style.family ?? pick(r, fonts)[1];
  const size = Math.round((30 + r() * 16) * scale * (family === "Kristi" ? 1.35 : 1));
  const lineH = Math.round(size * (1.45 + r() * 0.35));
  const height = Math.round(lineH * (lines.length + 2) + 40 * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const paper = pick(r, ["#fbfaf4", "#f6f1e1", "#ffffff", "#f2f0ea", "#fdf6d8"]);
  ctx.fillStyle = paper;
  ctx.fillRect(0, 0, width, height);
  const ruled = r() < 0.6;
  if (ruled) {
    ctx.strokeStyle = "rgba(90,140,210,0.45)";
    ctx.lineWidth = Math.max(1, scale * 1.5);
    for (let y = lineH * 1.25; y < height; y += lineH) {
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      ctx.stroke();
    }
    if (r() < 0.5) {
      ctx.strokeStyle = "rgba(220,80,80,0.5)";
      ctx.beginPath();
      ctx.moveTo(70 * scale, 0);
      ctx.lineTo(70 * scale, height);
      ctx.stroke();
    }
  }
  const ink = pick(r, ["#1a237e", "#0d1b4c", "#111111", "#263238", "#2b2b6b", "#3a3a3a"]);
  const slant = -0.28 + r() * 0.32;
  ctx.fillStyle = ink;
  ctx.font = `${size}px "${family}"`;
  ctx.textBaseline = "alphabetic";
  lines.forEach((text, i) => {
    const y = lineH * (i + 1.2) + (r() - 0.5) * lineH * 0.15;
    const x = (80 + r() * 40) * scale;
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate((r() - 0.5) * 0.04);
    ctx.transform(1, 0, slant, 1, 0, 0);
    ctx.fillText(text, 0, 0);
    ctx.restore();
  });
  // Speckle noise and a little grain.
  for (let k = 0; k < 600 * scale; k++) {
    ctx.fillStyle = `rgba(0,0,0,${(r() * 0.25).toFixed(2)})`;
    ctx.fillRect(r() * width, r() * height, 1 + r() * 2, 1 + r() * 2);
  }
  const png = await canvas.encode("png");
  const angle = style.tidy ? 0 : (r() - 0.5) * 8;
  const blur = !style.tidy && r() < 0.5 ? 0.3 + r() * 0.9 : 0;
  if (style.exifSideways !== undefined || style.tidy) {
    const flat = await sharp(png).jpeg({ quality: 85 }).toBuffer();
    return style.exifSideways ? sharp(flat).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 85 }).toBuffer() : flat;
  }
  let img = sharp(png).rotate(angle, { background: paper });
  if (blur > 0.3) img = img.blur(blur);
  // One photo in eight is stored sideways with an EXIF orientation, as phones do.
  if (r() < 0.125) return img.jpeg({ quality: 80 }).toBuffer().then((b) => sharp(b).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 80 }).toBuffer());
  return img.jpeg({ quality: Math.round(70 + r() * 20) }).toBuffer();
}

/**
 * A drawn cat on a photographic-looking background (gradient, grain): an image with no list on it.
 * No real cat photo can be fetched on this machine, so the tests use this stand-in.
 */
export async function drawCat(width = 480, height = 360): Promise<Buffer> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const r = prng(42);
  const c = createCanvas(width, height);
  const ctx = c.getContext("2d");
  const bg = ctx.createLinearGradient(0, 0, width, height);
  bg.addColorStop(0, "#7a8f6a");
  bg.addColorStop(1, "#c9b79c");
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, width, height);
  const fur = ctx.createRadialGradient(width * 0.5, height * 0.6, 10, width * 0.5, height * 0.6, height * 0.5);
  fur.addColorStop(0, "#e08a3c");
  fur.addColorStop(1, "#8a4b1c");
  ctx.fillStyle = fur;
  ctx.beginPath();
  ctx.ellipse(width * 0.5, height * 0.72, width * 0.28, height * 0.24, 0, 0, Math.PI * 2); // body
  ctx.ellipse(width * 0.5, height * 0.38, width * 0.16, height * 0.18, 0, 0, Math.PI * 2); // head
  ctx.fill();
  ctx.beginPath();
  for (const side of [-1, 1]) {
    ctx.moveTo(width * (0.5 + side * 0.05), height * 0.25);
    ctx.lineTo(width * (0.5 + side * 0.15), height * 0.1);
    ctx.lineTo(width * (0.5 + side * 0.15), height * 0.32);
  }
  ctx.fill();
  ctx.fillStyle = "#2f6b2f";
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.ellipse(width * (0.5 + side * 0.06), height * 0.36, 9, 6, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.strokeStyle = "rgba(255,255,255,0.8)";
  for (const side of [-1, 1]) for (let k = 0; k < 3; k++) {
    ctx.beginPath();
    ctx.moveTo(width * (0.5 + side * 0.04), height * 0.44);
    ctx.lineTo(width * (0.5 + side * 0.2), height * (0.4 + k * 0.04));
    ctx.stroke();
  }
  for (let k = 0; k < 4000; k++) {
    ctx.fillStyle = `rgba(${r() < 0.5 ? "0,0,0" : "255,255,255"},${(r() * 0.15).toFixed(2)})`;
    ctx.fillRect(r() * width, r() * height, 2, 2);
  }
  const { default: sharp } = await import("sharp");
  return sharp(await c.encode("png")).blur(0.8).jpeg({ quality: 80 }).toBuffer();
}

/** The small committed test images: three lists with their labels, and the cat. */
export const FIXTURE_LISTS: Array<{ file: string; lines: string[]; style: RenderStyle; expected: Array<{ sku: string; quantity: number }> }> = [
  {
    file: "list-comic.jpg",
    lines: ["Aashirvaad atta 5 kg", "Tata namak 1 kg", "maggi x4", "cheeni 2 kg", "Ramesh ji"],
    style: { family: "Comic Neue", tidy: true },
    expected: [{ sku: "AAS-SHU-CHA-5KG", quantity: 1 }, { sku: "TAT-SAL-IOD-1KG", quantity: 1 }, { sku: "MAG-2MI-MAS-70G", quantity: 4 }, { sku: "MAD-PUR-SUG-1KG", quantity: 2 }],
  },
  {
    file: "list-hinglish.jpg",
    lines: ["toor daal 1/2 kg", "2 darjan kela", "aadha kilo pyaz", "Colgate 200g x 2", "jaldi bhejna"],
    style: { family: "Humor", tidy: true },
    expected: [{ sku: "TAT-SAM-TOO-500G", quantity: 1 }, { sku: "BAN-ROB-1DOZEN", quantity: 2 }, { sku: "ONI-1KG", quantity: 0.5 }, { sku: "COL-STR-TEE-200G", quantity: 2 }],
  },
  {
    file: "list-sideways-exif.jpg",
    lines: ["Surf Excel 1 kg", "Parle G 5", "Amul butter 100 g"],
    style: { family: "Comic Neue", exifSideways: true },
    expected: [{ sku: "SUR-EXC-EAS-1KG", quantity: 1 }, { sku: "PAR-GOL-BIS-250G", quantity: 5 }, { sku: "AMU-BUT-PAS-100G", quantity: 1 }],
  },
];

async function writeFixtures(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [i, f] of FIXTURE_LISTS.entries()) writeFileSync(join(dir, f.file), await renderList(f.lines, 500 + i, 560, f.style));
  writeFileSync(join(dir, "cat.jpg"), await drawCat());
  writeFileSync(join(dir, "catalog.csv"), catalogCsv());
  console.error(`wrote the chitty test fixtures to ${dir}`);
}

/** The seed catalog in the project's CSV import format. */
export function catalogCsv(): string {
  const rows = productsForShop(0, new Date(0), "generator").map((p) => [p.name, p.sku, p.category, String(p.quantity), (p.unit_price_paise / 100).toFixed(2), p.unit ?? ""]);
  const esc = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return ["name,sku,category,quantity,unit_price,unit", ...rows.map((r) => r.map(esc).join(","))].join("\n") + "\n";
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (args.includes("--fixtures")) return writeFixtures(opt("fixtures", "test/fixtures/chitty"));
  const out = opt("out", "");
  if (!out) throw new Error("usage: generate --out <dir> [--count 160] [--seed 7] [--width 900]");
  const count = Number(opt("count", "160"));
  const seed = Number(opt("seed", "7"));
  const width = Number(opt("width", "900"));
  mkdirSync(out, { recursive: true });
  const lists = generateLists(count, seed);
  for (const [i, list] of lists.entries()) {
    writeFileSync(join(out, list.file), await renderList(list.lines.map((l) => l.text), seed * 1000 + i, width));
  }
  writeFileSync(join(out, "labels.json"), JSON.stringify(lists, null, 1));
  writeFileSync(join(out, "catalog.csv"), catalogCsv());
  console.error(`wrote ${lists.length} chitties to ${out}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
