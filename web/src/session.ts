// The API key kept in this browser, and what the logged-in role may do (docs/api.md: viewer
// reads, trader acts, admin also switches the policy and resumes the breaker).
import type { Me, Role } from './api/types';

const kKeyStorage = 'sigtrader.api_key';

export function stored_key(): string | null {
  try {
    return localStorage.getItem(kKeyStorage);
  } catch {
    return null; // Storage disabled (private mode): the user logs in each visit.
  }
}

export function store_key(key: string): void {
  try {
    localStorage.setItem(kKeyStorage, key);
  } catch {
    // Kept in memory for this tab by the app; nothing else to do.
  }
}

export function forget_key(): void {
  try {
    localStorage.removeItem(kKeyStorage);
  } catch {
    // Nothing stored.
  }
}

const kRank: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

export function can(me: Me | null, needed: Role): boolean {
  if (!me) return false;
  // An unknown role from a newer server is treated as the least one.
  return (kRank[me.role] ?? 0) >= kRank[needed];
}

// Shown on a disabled action button so the user knows why it is grey.
export function needs_text(needed: Role): string {
  return `Needs the ${needed} role`;
}
