import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../renderer/src/lib/latestOnly';

/** A backend whose answers the test releases one by one, to play out a clerk typing faster than it answers. */
function slowBackend() {
  const sent: string[] = [];
  const waiting: { key: string; release: () => void; fail: (e: Error) => void }[] = [];
  const run = (key: string) =>
    new Promise<string>((resolve, reject) => {
      sent.push(key);
      waiting.push({ key, release: () => resolve(`结果:${key}`), fail: reject });
    });
  const answerNext = async (fail?: Error) => {
    const w = waiting.shift();
    if (!w) throw new Error('nothing is waiting');
    if (fail) w.fail(fail);
    else w.release();
    // Let the runner see the answer and send whatever was asked meanwhile.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { sent, run, answerNext, inFlight: () => waiting.length };
}

describe('LatestOnly: searching while typing', () => {
  it('sends the first key at once and, while it is answered, keeps only the newest text', async () => {
    const be = slowBackend();
    const shown: string[] = [];
    const runner = new LatestOnly(be.run, (_k, o) => shown.push(o.ok ? o.value : 'error'));
    runner.ask('王');
    expect(be.sent).toEqual(['王']);
    runner.ask('王秀');
    runner.ask('王秀英');
    // One request at a time: the typing did not queue a request per key.
    expect(be.inFlight()).toBe(1);
    await be.answerNext();
    // The answer for 王 is overtaken and never shown; the newest text goes out straight away.
    expect(shown).toEqual([]);
    expect(be.sent).toEqual(['王', '王秀英']);
    await be.answerNext();
    expect(shown).toEqual(['结果:王秀英']);
  });

  it('shows every answer when the typing is slower than the backend', async () => {
    const be = slowBackend();
    const shown: string[] = [];
    const runner = new LatestOnly(be.run, (k) => shown.push(k));
    for (const k of ['1', '13', '138']) {
      runner.ask(k);
      await be.answerNext();
    }
    expect(shown).toEqual(['1', '13', '138']);
  });

  it('reports a failure of the newest ask and keeps working after it', async () => {
    const be = slowBackend();
    const outcomes: string[] = [];
    const runner = new LatestOnly(be.run, (k, o) => outcomes.push(o.ok ? `${k} ok` : `${k} ${(o.error as Error).message}`));
    runner.ask('张');
    await be.answerNext(new Error('数据服务繁忙'));
    runner.ask('张三');
    await be.answerNext();
    expect(outcomes).toEqual(['张 数据服务繁忙', '张三 ok']);
  });

  it('a failure overtaken by newer text is not shown over the newer answer', async () => {
    const be = slowBackend();
    const outcomes: string[] = [];
    const runner = new LatestOnly(be.run, (k, o) => outcomes.push(`${k}:${o.ok}`));
    runner.ask('李');
    runner.ask('李四');
    await be.answerNext(new Error('失败'));
    await be.answerNext();
    expect(outcomes).toEqual(['李四:true']);
  });

  it('after the page is left nothing more is sent or shown', async () => {
    const be = slowBackend();
    const shown: string[] = [];
    const runner = new LatestOnly(be.run, (k) => shown.push(k));
    runner.ask('赵');
    runner.ask('赵六');
    runner.stop();
    await be.answerNext();
    runner.ask('钱');
    expect(be.sent).toEqual(['赵']);
    expect(shown).toEqual([]);
  });
});
