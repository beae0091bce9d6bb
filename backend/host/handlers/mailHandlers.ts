import { reportWorkbook } from '../../../shared/node/reportWorkbook';
import { contactList } from '../../mail/contactList';
import { mailResults, saveCosts } from '../../mail/costs';
import { mailingReport, prepareMailingList } from '../../mail/mailingList';
import { listPostalCodes, setTownPostalCode, setVillagePostalCode } from '../../mail/postalCodes';
import { recordReply } from '../../mail/replies';
import { recordReturn } from '../../mail/returns';
import type { HandlerDeps, HandlerGroup } from './deps';

export function mailHandlers({ db }: HandlerDeps): HandlerGroup<'mail.'> {
  return {
    'mail.postalCodes': () => db.read(listPostalCodes),
    'mail.setTownPostalCode': (input, ctx) => db.write('mail.setTownPostalCode', (w) => setTownPostalCode(w, ctx, input.townCode, input.postalCode)),
    'mail.setVillagePostalCode': (input, ctx) => {
      db.write('mail.setVillagePostalCode', (w) => setVillagePostalCode(w, ctx, input.villageId, input.postalCode));
      return { ok: true };
    },
    'mail.list': async (input, ctx) => {
      // Numbers are stored first (one durable write), then the workbook is written from what was stored.
      const list = db.write('mail.list', (w) => prepareMailingList(w, ctx, input.campaignId));
      const buffer = await reportWorkbook([db.read((r) => mailingReport(r, list, ctx.now))]);
      return {
        fileName: `商函邮寄清单_${list.campaign.name}_${ctx.now.toISOString().slice(0, 10)}.xlsx`,
        dataBase64: buffer.toString('base64'),
        pieces: list.rows.length,
        newPieces: list.newPieces,
        excluded: list.excluded,
      };
    },
    'mail.returned': (input, ctx) => db.write('mail.returned', (w) => recordReturn(w, ctx, input)),
    'mail.reply': (input, ctx) => db.write('mail.reply', (w) => recordReply(w, ctx, input)),
    'mail.results': (input) => db.read((r) => mailResults(r, input.campaignId)),
    'mail.setCosts': (input, ctx) => db.write('mail.setCosts', (w) => saveCosts(w, ctx, input.campaignId, input)),
    'mail.contactList': (input, ctx) => db.write('mail.contactList', (w) => contactList(w, ctx, input.campaignId, input.channel, input.text)),
  };
}
