/**
 * npm run web -- --port 8787 --db ./data
 * Serves the UI and the branch backend on http://127.0.0.1:<port> for a browser on this machine.
 */
import { readKeyFile } from '../db/cipher';
import { errorText } from './cliText';
import type { BuildPolicy } from './renderer';
import { startWebServer, type WebServer } from './server';

const USAGE = `用法 / usage: npm run web -- --db <数据目录> [--port 8787] [--build auto|always|never] [--key-file 密钥文件]`;

interface Args {
  port: number;
  db: string;
  build: BuildPolicy;
  keyFile: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') throw new Error(USAGE);
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`无法识别的参数 / unknown argument: ${a}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`参数 --${m[1]} 缺少取值 / missing value\n${USAGE}`);
    values.set(m[1]!, value);
  }
  for (const k of values.keys()) {
    if (!['port', 'db', 'build', 'key-file'].includes(k)) throw new Error(`无法识别的参数 / unknown option: --${k}\n${USAGE}`);
  }
  const db = values.get('db');
  if (!db) throw new Error(`请用 --db 指定数据目录 / --db is required\n${USAGE}`);
  const port = Number(values.get('port') ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口应为 0–65535 的整数 / bad --port\n${USAGE}`);
  const build = (values.get('build') ?? 'auto') as BuildPolicy;
  if (!['auto', 'always', 'never'].includes(build)) throw new Error(`--build 只能是 auto、always 或 never\n${USAGE}`);
  return { port, db, build, keyFile: values.get('key-file') };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(errorText(e));
    process.exit(2);
  }
  let server: WebServer;
  try {
    server = await startWebServer({ port: args.port, dbPath: args.db, build: args.build, ...(args.keyFile ? { key: readKeyFile(args.keyFile) } : {}) });
  } catch (e) {
    console.error(`启动失败 / failed to start: ${errorText(e)}`);
    process.exit(1);
  }
  console.log(`浏览器模式已启动，数据目录 ${args.db}；按 Ctrl+C 退出`);
  console.log(`listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error('再次收到退出信号，强制退出（最近的改动已记入变更日志）');
      process.exit(1);
    }
    stopping = true;
    console.log(`收到 ${signal}，正在保存并退出…`);
    server
      .close()
      .then(() => {
        console.log('已安全退出');
        process.exit(0);
      })
      .catch((e: unknown) => {
        console.error(`退出时出错：${errorText(e)}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
