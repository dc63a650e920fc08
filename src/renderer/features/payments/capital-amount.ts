const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['仟', '佰', '拾', ''] as const;
const GROUPS = ['', '万', '亿', '万亿'] as const;

const digit = (d: number): string => DIGITS[d] ?? '';

/** One group of four digits (1–9999), zeros inside collapsed to one 零, trailing zeros dropped. */
function groupText(g: number): string {
  const ds = String(g).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += digit(d) + (IN_GROUP[i] ?? '');
  });
  return out;
}

function integerText(n: number): string {
  if (n === 0) return '';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let zero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] ?? 0;
    if (g === 0) {
      zero = out !== '';
      continue;
    }
    if (out !== '' && (zero || g < 1000)) out += '零';
    zero = false;
    out += groupText(g) + (GROUPS[i] ?? '');
  }
  return out;
}

/**
 * An amount in fen written in Chinese capital numerals (大写金额) as receipts
 * require: 102400 → 壹仟零贰拾肆元整, 127832 → 壹仟贰佰柒拾捌元叁角贰分,
 * 1005 → 壹拾元零伍分, 50 → 伍角整, 0 → 零元整. Rules of the 支付结算办法:
 * 整 after 元 or 角 when nothing smaller follows; a missing 角 between 元 and
 * 分 is written 零; zeros inside the number collapse to one 零.
 */
export function capitalAmount(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an integer number of fen: ${fen}`);
  if (fen < 0) return `负${capitalAmount(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerText(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${digit(jiao)}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) return `${out}${digit(cents)}分`;
  return `${out}整`;
}
