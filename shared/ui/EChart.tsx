/**
 * The one chart component of the branch app and the 市局 console. Each app registers the ECharts parts it draws
 * (tree-shaken from 'echarts/core') in its own echarts.ts and re-exports this with that module imported first.
 */
import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

interface Props {
  option: EChartsCoreOption;
  height?: number;
  /** What the chart shows, for screen readers (a canvas has no text of its own). */
  label: string;
  testId?: string;
}

/**
 * One ECharts instance per mounted element: created on mount, disposed on unmount (charts hold canvases and
 * listeners), resized with its box so a narrowed window or a collapsed menu never leaves a clipped chart.
 */
export function EChart({ option, height = 280, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    let frame = 0;
    // Resizing inside the observer's callback can trigger another observation; one frame later cannot.
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => c.resize());
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series that disappeared (fewer campaigns this quarter) must not linger from the last option.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height }} role="img" aria-label={label} data-testid={testId} />;
}
