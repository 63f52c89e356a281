import { describe, expect, it } from 'vitest';
import { announcementKey, jobFailureMessage } from '../src/views/jobPanel';

describe('jobFailureMessage', () => {
  it('prefers the server message, then the code, and says when a job was cancelled', () => {
    expect(jobFailureMessage({ id: 'j', status: 'FAILED', progress: 10, errorCode: 'NO_FACE', errorMessage: 'No face was found in any frame.' })).toBe('No face was found in any frame.');
    expect(jobFailureMessage({ id: 'j', status: 'FAILED', progress: 10, errorCode: 'CORRUPT_MEDIA', errorMessage: '  ' })).toBe('The job failed (CORRUPT_MEDIA).');
    expect(jobFailureMessage({ id: 'j', status: 'FAILED', progress: 10 })).toBe('The job failed.');
    expect(jobFailureMessage({ id: 'j', status: 'CANCELLED', progress: 10, errorMessage: 'Cancelled by the user' })).toBe('Cancelled.');
  });
});

describe('announcementKey', () => {
  const key = (progress: number, stage = 'decoding', status: 'RUNNING' | 'SUCCEEDED' = 'RUNNING') => announcementKey('Reading frames', { status, stage, progress });
  it('changes only with a new stage, status or quarter of progress', () => {
    expect(key(3)).toBe(key(24));
    expect(key(24)).not.toBe(key(25));
    expect(key(30)).not.toBe(key(30, 'tracking'));
    expect(key(100, 'decoding', 'SUCCEEDED')).not.toBe(key(100));
  });
});
