/**
 * Where inside 营销活动 the clerk is, kept in the address so a reload returns to the same place:
 *   #/campaigns                              the list
 *   #/campaigns/<id>/<tab>                   one campaign, one tab
 *   #/campaigns/<id>/print/<carrierId>       a carrier's printable visit list
 */
import { useSyncExternalStore } from 'react';

export const CAMPAIGN_SECTION = 'campaigns';
export const DETAIL_TABS = ['overview', 'select', 'test', 'dispatch', 'mail', 'results'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export type CampaignRoute = { kind: 'list' } | { kind: 'detail'; id: string; tab: DetailTab } | { kind: 'print'; id: string; carrierId: string };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function parseCampaignRoute(hash: string): CampaignRoute {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').map(decodeURIComponent);
  const [, id, third, fourth] = parts;
  if (!id) return { kind: 'list' };
  if (third === 'print' && fourth) return { kind: 'print', id, carrierId: fourth };
  const tab = DETAIL_TABS.find((t) => t === third) ?? 'overview';
  return { kind: 'detail', id, tab };
}

export function useCampaignRoute(): CampaignRoute {
  const hash = useSyncExternalStore(subscribe, readHash);
  return parseCampaignRoute(hash);
}

export function goToCampaignList(): void {
  window.location.hash = `#/${CAMPAIGN_SECTION}`;
}

export function goToCampaign(id: string, tab: DetailTab = 'overview'): void {
  window.location.hash = `#/${CAMPAIGN_SECTION}/${encodeURIComponent(id)}/${tab}`;
}

export function goToPrint(id: string, carrierId: string): void {
  window.location.hash = `#/${CAMPAIGN_SECTION}/${encodeURIComponent(id)}/print/${encodeURIComponent(carrierId)}`;
}
