import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';
import { PrintVisitList } from './PrintVisitList';
import { useCampaignRoute } from './route';

/** 营销活动: the list, one campaign's tabs, or a carrier's printable visit list — whichever the address names. */
export function CampaignsPage() {
  const route = useCampaignRoute();
  if (route.kind === 'print') return <PrintVisitList campaignId={route.id} carrierId={route.carrierId} />;
  if (route.kind === 'detail') return <CampaignDetail key={route.id} id={route.id} tab={route.tab} />;
  return <CampaignList />;
}
