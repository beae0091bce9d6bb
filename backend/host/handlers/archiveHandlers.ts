import { archiveCampaigns, archiveOverview } from '../../archive/campaignArchive';
import type { HandlerDeps, Handlers } from './deps';

export function archiveHandlers({ db }: HandlerDeps): Pick<Handlers, 'archive.overview' | 'archive.run'> {
  return {
    'archive.overview': (_input, ctx) => archiveOverview(db, ctx.now),
    'archive.run': (input, ctx) => archiveCampaigns(db, ctx, input.ids),
  };
}
