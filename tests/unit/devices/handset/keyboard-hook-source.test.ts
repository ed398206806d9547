import { describe, expect, it } from 'vitest';
import { KeyboardHookSource } from '../../../../src/main/devices/handset/keyboard-hook-source';
import type { KeyConsumer, KeyPress, KeyStream } from '../../../../src/main/input/key-stream';

/** A key stream as the hosts' producers drive it: consumers in order, the first to consume wins. */
class TestKeyStream implements KeyStream {
  private readonly consumers: KeyConsumer[] = [];
  add(consumer: KeyConsumer): () => void {
    this.consumers.push(consumer);
    return () => this.consumers.splice(this.consumers.indexOf(consumer), 1);
  }
  /** True when the key reaches the page. */
  type(key: string, code: string, at: number): boolean {
    const press: KeyPress = { key, code, at };
    return !this.consumers.some((consumer) => consumer.consume(press));
  }
}

function hookOn(keys: TestKeyStream, liftKey: string, hangUpKey: string) {
  const errors: unknown[] = [];
  const source = new KeyboardHookSource(keys, { liftKey, hangUpKey, onListenerError: (error) => errors.push(error) });
  const hooks: boolean[] = [];
  source.on('hook', (offHook) => hooks.push(offHook));
  return { source, hooks, errors };
}

describe('key-board hook source', () => {
  it('lifts on one key and hangs up on another, and the page never sees either', () => {
    const keys = new TestKeyStream();
    const { source, hooks } = hookOn(keys, 'F9', 'F10');
    expect(source.kind).toBe('keyboard');
    expect(source.offHook).toBeNull();
    expect(keys.type('F9', 'F9', 0)).toBe(false);
    expect(source.offHook).toBe(true);
    expect(keys.type('F9', 'F9', 10)).toBe(false);
    expect(keys.type('F10', 'F10', 20)).toBe(false);
    expect(hooks).toEqual([true, false]);
  });

  it('lets every other key through to the page', () => {
    const keys = new TestKeyStream();
    const { hooks } = hookOn(keys, 'F9', 'F10');
    expect(keys.type('7', 'Digit7', 0)).toBe(true);
    expect(keys.type('Enter', 'Enter', 1)).toBe(true);
    expect(hooks).toEqual([]);
  });

  it('matches the configured key by code or by key', () => {
    const keys = new TestKeyStream();
    const { hooks } = hookOn(keys, 'KeyL', 'h');
    expect(keys.type('l', 'KeyL', 0)).toBe(false);
    expect(keys.type('h', 'KeyH', 1)).toBe(false);
    expect(hooks).toEqual([true, false]);
  });

  it('flips with one toggling key, a bounce within the debounce time being the same press', () => {
    const keys = new TestKeyStream();
    const { source, hooks } = hookOn(keys, 'F12', 'F12');
    expect(keys.type('F12', 'F12', 1000)).toBe(false);
    expect(keys.type('F12', 'F12', 1030)).toBe(false);
    expect(source.offHook).toBe(true);
    expect(keys.type('F12', 'F12', 2000)).toBe(false);
    expect(hooks).toEqual([true, false]);
  });

  it('a listener that throws does not stop the others', () => {
    const keys = new TestKeyStream();
    const { source, hooks, errors } = hookOn(keys, 'F9', 'F10');
    source.on('hook', () => {
      throw new Error('listener failed');
    });
    const after: boolean[] = [];
    source.on('hook', (offHook) => after.push(offHook));
    keys.type('F9', 'F9', 0);
    expect(hooks).toEqual([true]);
    expect(after).toEqual([true]);
    expect(errors).toHaveLength(1);
  });

  it('stops swallowing its keys once closed', () => {
    const keys = new TestKeyStream();
    const { source, hooks } = hookOn(keys, 'F9', 'F10');
    source.setLeds({ offHook: true, ring: true, mute: true });
    source.close();
    expect(keys.type('F9', 'F9', 0)).toBe(true);
    expect(hooks).toEqual([]);
  });
});
