import type { HandlerDeps, HandlerGroup } from './deps';

export function backupHandlers({ backup }: HandlerDeps): HandlerGroup<'backup.'> {
  const { service, restore, uploads, mayRestore } = backup;
  return {
    'backup.status': () => service.status(),
    'backup.configure': (input, ctx) => service.configure(input, ctx),
    'backup.start': (_input, ctx) => ({ jobId: service.start('manual', ctx) }),
    'backup.upload': (input, ctx) => {
      mayRestore(ctx);
      return uploads.append(input.uploadId, input.offset, Buffer.from(input.dataBase64, 'base64'));
    },
    'backup.inspect': (input, ctx) => {
      mayRestore(ctx);
      return restore.inspect(input);
    },
    'backup.restore': (input, ctx) => {
      mayRestore(ctx);
      return restore.restore(input, ctx);
    },
  };
}
