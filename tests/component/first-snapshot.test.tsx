import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFirstSnapshot } from '../../src/renderer/app/read-first-snapshot';
import { firstSnapshotElementId } from '../../src/shared/contract/first-snapshot';
import { common } from './support';

function pageWith(text: string): Document {
  const page = document.implementation.createHTMLDocument('kiosk');
  const block = page.createElement('script');
  block.type = 'application/json';
  block.id = firstSnapshotElementId;
  block.textContent = text;
  page.head.append(block);
  return page;
}

afterEach(() => vi.restoreAllMocks());

describe('the first snapshot handed over with the page', () => {
  it('reads one the contract accepts', () => {
    const snapshot = { screen: 'attract', revision: 2, ...common };
    expect(readFirstSnapshot(pageWith(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it('ignores what is missing, unreadable or outside the contract, so the page waits for the contract', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readFirstSnapshot(document.implementation.createHTMLDocument('kiosk'))).toBeUndefined();
    expect(readFirstSnapshot(pageWith('{"screen":'))).toBeUndefined();
    expect(readFirstSnapshot(pageWith(JSON.stringify({ screen: 'attract', revision: -1, ...common })))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
