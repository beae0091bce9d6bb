/** Chinese words for the campaign vocabulary of shared/campaign.ts, and the lists the filter builder offers. */
import { CHANNELS, OUTCOMES, STAGES, type Channel, type Outcome, type Stage } from '../../../../shared/campaign';
import type { Campaign } from '../../../../shared/domain';

/** The postal business lines a usage filter can name (docs/domain.md 用邮信息). */
export const USAGE_LINES = ['储蓄', '保险', '报刊', '代收费', '包裹', '特快', '集邮', '农资'] as const;

export const OWNER_LABELS: Record<Campaign['owner'], string> = { branch: '本网点', hub: '市局下发' };

export const STAGE_COLORS: Record<Stage, string> = {
  idea: 'default',
  analysis: 'blue',
  planning: 'cyan',
  test: 'purple',
  execution: 'orange',
  evaluation: 'green',
};

export function channelLabel(code: string): string {
  return code in CHANNELS ? CHANNELS[code as Channel] : code;
}

export function stageLabel(code: string): string {
  return code in STAGES ? STAGES[code as Stage] : code;
}

export function outcomeLabel(code: string | null | undefined): string {
  if (!code) return '';
  return code in OUTCOMES ? OUTCOMES[code as Outcome].label : code;
}

export const CHANNEL_OPTIONS = (Object.keys(CHANNELS) as Channel[]).map((c) => ({ value: c, label: CHANNELS[c] }));
export const OUTCOME_OPTIONS = (Object.keys(OUTCOMES) as Outcome[]).map((o) => ({ value: o, label: OUTCOMES[o].label }));
export const LINE_OPTIONS = USAGE_LINES.map((l) => ({ value: l, label: l }));

/** 2026-11-23 至 2026-12-31, or whichever end is known. */
export function periodText(c: Pick<Campaign, 'startDate' | 'endDate'>): string {
  if (c.startDate && c.endDate) return `${c.startDate} 至 ${c.endDate}`;
  if (c.startDate) return `${c.startDate} 起`;
  if (c.endDate) return `至 ${c.endDate}`;
  return '未定';
}
