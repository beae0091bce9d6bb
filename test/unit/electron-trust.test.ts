import { describe, expect, it } from 'vitest';
import { createTrustPolicy } from '../../electron/trust';

describe('trust policy', () => {
  it('compares file paths, not the opaque file: origin', () => {
    const t = createTrustPolicy({ indexHtmlPath: '/app/out/renderer/index.html', platform: 'linux' });
    expect(t.isTrustedUrl('file:///app/out/renderer/index.html')).toBe(true);
    expect(t.isTrustedUrl('file:///app/out/renderer/index.html?x=1#/villages')).toBe(true);
    expect(t.isTrustedUrl('file:///app/out/renderer/../renderer/index.html')).toBe(true);
    expect(t.isTrustedUrl('file:///APP/out/renderer/index.html')).toBe(false);
    expect(t.isTrustedUrl('file:///app/out/renderer/evil.html')).toBe(false);
    expect(t.isTrustedUrl('https://app/out/renderer/index.html')).toBe(false);
    expect(t.isTrustedFrame(null)).toBe(false);
    expect(t.isTrustedFrame(undefined)).toBe(false);
  });

  it('handles an install folder with a Chinese name, percent-encoded or not', () => {
    const t = createTrustPolicy({ indexHtmlPath: '/opt/邮政数据库营销/out/renderer/index.html', platform: 'linux' });
    expect(t.isTrustedUrl('file:///opt/%E9%82%AE%E6%94%BF%E6%95%B0%E6%8D%AE%E5%BA%93%E8%90%A5%E9%94%80/out/renderer/index.html')).toBe(true);
    expect(t.isTrustedUrl('file:///opt/%e9%82%ae%e6%94%bf%e6%95%b0%e6%8d%ae%e5%ba%93%e8%90%a5%e9%94%80/out/renderer/index.html')).toBe(true);
    expect(t.isTrustedUrl('file:///opt/%E9%82%AE/out/renderer/index.html')).toBe(false);
  });

  it('ignores path case on Windows only', () => {
    const t = createTrustPolicy({ indexHtmlPath: '/C:/Program Files/App/out/renderer/index.html', platform: 'win32' });
    expect(t.isTrustedUrl('file:///c:/program%20files/app/out/renderer/INDEX.html')).toBe(true);
    expect(t.isTrustedUrl('file:///c:/program%20files/app/out/renderer/other.html')).toBe(false);
  });

  it('trusts only the dev server origin when one is given, and ignores non-http dev URLs', () => {
    const dev = createTrustPolicy({ indexHtmlPath: '/app/index.html', devServerUrl: 'http://localhost:5173/', platform: 'linux' });
    expect(dev.isTrustedUrl('http://localhost:5173/src/x')).toBe(true);
    expect(dev.isTrustedUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(dev.isTrustedUrl('https://localhost:5173/')).toBe(false);
    const odd = createTrustPolicy({ indexHtmlPath: '/app/index.html', devServerUrl: 'javascript:alert(1)', platform: 'linux' });
    expect(odd.isTrustedUrl('javascript:alert(1)')).toBe(false);
    expect(odd.isTrustedUrl('file:///app/index.html')).toBe(true);
  });
});
