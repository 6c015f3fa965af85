// Numbers, money and durations as the chat shows them.
import type { CostView } from '../common/protocol';

const integerFormat = new Intl.NumberFormat('en-US');

export function formatTokens(count: number): string {
  return integerFormat.format(count);
}

/** 950 -> "950", 12_345 -> "12.3k", 262_144 -> "262k", 1_200_000 -> "1.2M". */
export function formatCompactTokens(count: number): string {
  if (count < 1_000) return String(count);
  if (count < 1_000_000) {
    const thousands = count / 1_000;
    return `${thousands < 100 ? Number(thousands.toFixed(1)) : Math.round(thousands)}k`;
  }
  return `${Number((count / 1_000_000).toFixed(1))}M`;
}

/** Small amounts keep enough digits to be meaningful ($0.0042), larger ones have cents. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatCost(cost: CostView): string {
  return cost.estimated ? `≈ ${formatUsd(cost.usd)} (estimated)` : formatUsd(cost.usd);
}

/** For tight places: "≈ $0.0042" marks an estimate without the word, which goes in a tooltip instead. */
export function formatCompactCost(cost: CostView): string {
  return cost.estimated ? `≈ ${formatUsd(cost.usd)}` : formatUsd(cost.usd);
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

export function formatRelativeTime(timestamp: number, now: number = Date.now()): string {
  const minutes = Math.floor((now - timestamp) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(timestamp).toLocaleDateString();
}
