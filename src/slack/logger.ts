/**
 * The logger Bolt and our listeners share: one line per message on standard error (standard output stays for
 * console answers), tokens and secrets redacted from every line.
 */
import { LogLevel, type Logger } from '@slack/bolt';
import { terminalSafe } from '../render/terminal.ts';

const LEVELS: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
const TOKEN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

export interface LoggerOptions {
  readonly level?: LogLevel | 'debug' | 'info' | 'warn' | 'error';
  /** Exact values never to print (tokens, the signing secret). */
  readonly secrets?: readonly string[];
  readonly write?: (line: string) => void;
}

/** Replaces Slack tokens and the given secrets with a placeholder. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN, '$1-[redacted]');
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

/** A Bolt-compatible logger writing redacted lines to standard error. */
export function createLogger(options: LoggerOptions = {}): Logger {
  let level = (options.level ?? LogLevel.INFO) as LogLevel;
  let name = 'cluster-bot';
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const emit = (at: LogLevel, parts: unknown[]) => {
    if (LEVELS.indexOf(at) < LEVELS.indexOf(level)) return;
    const text = parts.map((p) => (p instanceof Error ? (p.stack ?? p.message) : typeof p === 'string' ? p : safeJson(p))).join(' ');
    // Log lines quote what users sent and what knowledge files hold: no escape sequence of theirs reaches the terminal.
    write(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${terminalSafe(redactSecrets(text, options.secrets), { lines: true })}\n`);
  };
  return {
    debug: (...msg) => emit(LogLevel.DEBUG, msg),
    info: (...msg) => emit(LogLevel.INFO, msg),
    warn: (...msg) => emit(LogLevel.WARN, msg),
    error: (...msg) => emit(LogLevel.ERROR, msg),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
