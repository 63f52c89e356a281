import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatDuration, formatLimitDuration, formatPercent, progressText, statusLabel } from '../src/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [200 * 1024 * 1024, '200 MB'],
    [5 * 1024 ** 3, '5 GB'],
    [10.25 * 1024 * 1024, '10.3 MB'],
  ])('%d bytes → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('rejects nonsense', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('durations', () => {
  it.each([
    [0, '0:00'],
    [5.4, '0:05'],
    [65, '1:05'],
    [600, '10:00'],
    [3725, '1:02:05'],
  ])('%d s → %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('words for limits', () => {
    expect(formatLimitDuration(600)).toBe('10 min');
    expect(formatLimitDuration(90)).toBe('1 min 30 s');
    expect(formatLimitDuration(45)).toBe('45 s');
  });
});

describe('formatPercent', () => {
  it('reads fractions and percentages', () => {
    expect(formatPercent(0.734)).toBe('73%');
    expect(formatPercent(73.4)).toBe('73%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(250)).toBe('100%');
  });
});

describe('job text', () => {
  it('labels each status', () => {
    expect(statusLabel('QUEUED')).toBe('Waiting in line');
    expect(statusLabel('SUCCEEDED')).toBe('Done');
    expect(statusLabel(undefined)).toBe('Starting');
  });

  it('shows the stage and progress while running', () => {
    expect(progressText({ status: 'RUNNING', stage: 'extracting frames', progress: 41.6 })).toBe('Extracting frames · 42%');
    expect(progressText({ status: 'RUNNING', stage: null, progress: 10 })).toBe('Working · 10%');
    expect(progressText({ status: 'FAILED', stage: 'decoding', progress: 30 })).toBe('Failed');
  });

  it('formats timestamps and tolerates garbage', () => {
    expect(formatDateTime('2026-11-24T10:00:00Z', 'en-GB')).toMatch(/2026/);
    expect(formatDateTime('not a date')).toBe('–');
    expect(formatDateTime(null)).toBe('–');
  });
});
