/**
 * npm run staff:add -- --username NAME --role commission --region CODE [--name 显示名] [--mobile 1xxxxxxxxxx]
 * npm run staff:add -- --username NAME --role manager|staff --institution ID [...]
 *
 * Makes a staff account in the database DATABASE_URL / DATA_DIR name (the first
 * commission account of a new site, usually), or adds the grant to an existing account.
 * The password comes from standard input when it is piped (`… < file`, one line), or is
 * asked for twice without echo on a terminal; never as an argument, where it would stay in
 * the shell history and the process list.
 */
import { parseArgs } from 'node:util';
import { PASSWORD_MIN_LENGTH } from '../src/lib/network/account-rules.ts';
import { buildFormReference } from '../src/lib/forms/reference-data.ts';
import { placesFrom } from '../src/lib/network/places.ts';
import { loadRegistry } from '../src/lib/registry/load.ts';
import { ROLE_LABELS, type StaffGrant } from '../src/lib/network/roles.ts';
import { t } from '../src/i18n/index.ts';
import { accountIdByUsername, provisionStaff } from '../src/server/auth/provision.ts';
import { dbOptionsFromEnv, openDb } from '../src/server/db/connect.ts';
import { readPassword } from './lib/read-password.ts';

const USAGE = `用法：
  npm run staff:add -- --username 用户名 --role commission --region 地区代码 [--name 姓名] [--mobile 手机号]
  npm run staff:add -- --username 用户名 --role manager|staff --institution 机构编号 [--name 姓名] [--mobile 手机号]
密码从标准输入读取（例如 … < 密码文件），在终端里运行时会提示输入（不显示）。`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string' },
        institution: { type: 'string' },
        name: { type: 'string' },
        mobile: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
})();
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}

const username = values.username?.trim() ?? fail(`缺少 --username。\n${USAGE}`);
const registry = loadRegistry();
const places = placesFrom(buildFormReference(registry.records, registry.regions));
let grant: StaffGrant;
if (values.role === 'commission') {
  const region = values.region ?? fail('卫生健康委工作人员需要 --region（省、市或区县的 6 位代码，例如 330000、330100）。');
  if (!places.isRegion(region)) fail(`地区代码 ${region} 不在 content/regions.json 里。`);
  grant = { role: 'commission', region };
} else if (values.role === 'manager' || values.role === 'staff') {
  const institution = values.institution ?? fail('机构管理员和工作人员需要 --institution（机构编号，例如 zj-zhejiang-hospital）。');
  if (places.institution(institution) === undefined) fail(`机构编号 ${institution} 不在名录里。`);
  grant = { role: values.role, institution };
} else {
  fail(`--role 只能是 commission、manager 或 staff。\n${USAGE}`);
}

const db = await openDb(dbOptionsFromEnv());
try {
  const exists = (await accountIdByUsername(db, username)) !== undefined;
  const password = exists ? undefined : await readPassword(`为 ${username} 设置密码（至少 ${PASSWORD_MIN_LENGTH} 个字符）：`);
  const result = await provisionStaff(db, { username, displayName: values.name ?? username, mobile: values.mobile ?? '', password, grant });
  const what = `${ROLE_LABELS[grant.role]} · ${places.scopeName(grant)}`;
  if (result.kind === 'invalid') {
    for (const key of Object.values(result.problems)) if (key !== undefined) console.error(t(key));
    process.exitCode = 1;
  } else if (result.kind === 'granted') {
    console.log(`账号 ${username} 已存在：已加上权限「${what}」。`);
  } else {
    console.log(`已创建账号 ${username}（${what}），保存在 ${db.label}。`);
    console.log(`登录地址：${process.env['SITE_URL'] ?? 'http://localhost:4321'}/staff/sign-in/`);
    if (grant.role === 'commission') console.log('卫生健康委工作人员第一次登录后要先开启两步验证（手机上的身份验证器应用）。');
  }
} finally {
  await db.close();
}
