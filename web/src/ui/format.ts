// How numbers and times read on screen. Decimal strings from the API are shown digit for digit
// (a price of 0.00001234 keeps every digit); only money gets a fixed two places.

const kDash = '—';

function as_number(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

// Thousands separators on the integer part of a decimal string, the fraction left as written.
export function decimal(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return kDash;
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const grouped = (match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${match[1]}${grouped}${match[3] ?? ''}`;
}

export function money(value: string | number | null | undefined, places = 2): string {
  const number = as_number(value);
  if (number === null) return kDash;
  return number.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
}

// PnL with an explicit sign, so +0.50 and -0.50 differ at a glance.
export function signed_money(value: string | number | null | undefined): string {
  const number = as_number(value);
  if (number === null) return kDash;
  return `${number > 0 ? '+' : ''}${money(number)}`;
}

// 'pos', 'neg' or '' for colouring a value by its sign.
export function sign_class(value: string | number | null | undefined): string {
  const number = as_number(value);
  if (number === null || number === 0) return '';
  return number > 0 ? 'pos' : 'neg';
}

export function percent(value: string | number | null | undefined, places = 1): string {
  const number = as_number(value);
  return number === null ? kDash : `${number.toFixed(places)}%`;
}

// Ratios such as win rate and trust may come as 0..1 or as 0..100; a value above 1 is taken as
// already in percent.
export function ratio_percent(value: string | number | null | undefined, places = 0): string {
  const number = as_number(value);
  if (number === null) return kDash;
  return percent(Math.abs(number) <= 1 ? number * 100 : number, places);
}

export function ratio_fraction(value: string | number | null | undefined): number | null {
  const number = as_number(value);
  if (number === null) return null;
  return Math.max(0, Math.min(1, Math.abs(number) <= 1 ? number : number / 100));
}

export function plain_number(value: string | number | null | undefined, places = 2): string {
  const number = as_number(value);
  return number === null ? kDash : number.toFixed(places);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

// Local time, to the second; the full UTC instant is in the title of each time cell.
export function time(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return kDash;
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}

export function utc(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

export function age(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return kDash;
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

export function dash_if_empty(value: unknown): string {
  if (value === null || value === undefined || value === '') return kDash;
  return String(value);
}
