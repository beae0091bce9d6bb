import { AppError } from '../../../shared/errors';
import { audit } from '../../auth/audit';
import { releaseWinner, startTest, testResult } from '../../campaigns/abTest';
import { createCampaign, freezeTargets, getCampaign, listCampaigns, moveStage, updateCampaign } from '../../campaigns/campaigns';
import { assignTargets, assignVillage, autoDispatch, dispatchStatus } from '../../campaigns/dispatch';
import { campaignResults, followUpsDue } from '../../campaigns/results';
import { countSegment } from '../../campaigns/segment';
import { openTargets, recordVisit } from '../../campaigns/visits';
import { newId } from '../../services/ids';
import type { HandlerDeps, Handlers } from './deps';

type CampaignOps =
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.create'
  | 'campaigns.update'
  | 'campaigns.moveStage'
  | 'segments.count'
  | 'segments.list'
  | 'segments.save'
  | 'campaigns.freeze'
  | 'campaigns.startTest'
  | 'campaigns.testResult'
  | 'campaigns.releaseWinner'
  | 'dispatch.status'
  | 'dispatch.auto'
  | 'dispatch.village'
  | 'dispatch.targets'
  | 'carriers.list'
  | 'visits.targets'
  | 'visits.record'
  | 'campaigns.results'
  | 'campaigns.followUps';

export function campaignHandlers({ db }: HandlerDeps): Pick<Handlers, CampaignOps> {
  return {
    'campaigns.list': () => db.read(listCampaigns),
    'campaigns.get': (input) => db.read((r) => getCampaign(r, input.id)),
    'campaigns.create': (input, ctx) => db.write('campaigns.create', (w) => createCampaign(w, ctx, input)),
    'campaigns.update': (input, ctx) => db.write('campaigns.update', (w) => updateCampaign(w, ctx, input.id, input.fields)),
    'campaigns.moveStage': (input, ctx) => db.write('campaigns.moveStage', (w) => moveStage(w, ctx, input.id, input.stage)),
    'segments.count': (input, ctx) => db.read((r) => countSegment(r, input.filter, ctx.now)),
    'segments.list': () =>
      db.read((r) =>
        r
          .all<{ id: string; name: string; filter: string }>('SELECT id, name, filter FROM segments ORDER BY name')
          .map((s) => ({ id: s.id, name: s.name, filter: JSON.parse(s.filter) as unknown })),
      ),
    'segments.save': (input, ctx) =>
      db.write('segments.save', (w) => {
        const id = newId();
        w.run('INSERT INTO segments (id, name, filter, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
          id,
          input.name,
          JSON.stringify(input.filter),
          ctx.now.toISOString(),
          ctx.actor,
        ]);
        audit(w, ctx, 'segment.save', 'segment', [id], { name: input.name });
        return { id };
      }),
    'campaigns.freeze': (input, ctx) => db.write('campaigns.freeze', (w) => freezeTargets(w, ctx, input.id, input.filter, input.limit)),
    'campaigns.startTest': (input, ctx) => db.write('campaigns.startTest', (w) => startTest(w, ctx, input.id, input.variants, input.perVariant)),
    'campaigns.testResult': (input) => db.read((r) => testResult(r, input.id)),
    'campaigns.releaseWinner': (input, ctx) => db.write('campaigns.releaseWinner', (w) => releaseWinner(w, ctx, input.id, input.code)),
    'dispatch.status': (input) => db.read((r) => dispatchStatus(r, input.id)),
    'dispatch.auto': (input, ctx) => db.write('dispatch.auto', (w) => ({ assigned: autoDispatch(w, ctx, input.id, input.carrierIds) })),
    'dispatch.village': (input, ctx) => db.write('dispatch.village', (w) => ({ assigned: assignVillage(w, ctx, input.id, input.villageId, input.carrierId) })),
    'dispatch.targets': (input, ctx) => db.write('dispatch.targets', (w) => ({ assigned: assignTargets(w, ctx, input.id, input.targetIds, input.carrierId) })),
    'carriers.list': () =>
      db.read((r) =>
        r
          .all<{ id: string; login: string; display_name: string }>(
            "SELECT id, login, display_name FROM users WHERE role = 'carrier' AND disabled_at IS NULL ORDER BY display_name",
          )
          .map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
      ),
    'visits.targets': (input, ctx) => {
      if (ctx.role === 'carrier' && !ctx.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
      // Carriers see only their own targets, enforced here rather than trusted from the page.
      const carrier = ctx.role === 'carrier';
      const carrierId = carrier ? ctx.userId! : input.carrierId;
      // The office sees every list (and enters late results); a carrier only the campaigns still running.
      return db.read((r) =>
        openTargets(r, { campaignId: input.campaignId, carrierId, includeDone: input.includeDone, runningOn: carrier ? ctx.now : undefined }),
      );
    },
    'visits.record': (input, ctx) => db.write('visits.record', (w) => recordVisit(w, ctx, input)),
    'campaigns.results': (input, ctx) => db.read((r) => campaignResults(r, input.id, ctx.now)),
    'campaigns.followUps': (_input, ctx) => db.read((r) => followUpsDue(r, ctx.now, ctx.role === 'carrier' ? (ctx.userId ?? '') : undefined)),
  };
}
