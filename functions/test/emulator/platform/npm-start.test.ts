import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import path from "node:path";

/** The port offset of the copy started here: 2400 past the suite's own, so side-by-side suites never share it. */
const START_PORT_OFFSET = 2400 + Number(process.env.KIRANA_PORT_OFFSET ?? 0);
const ROOT = path.resolve(__dirname, "../../../..");

/** Stops the whole process group `npm start` made (the emulators, Java, function workers). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGINT");
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 30_000);
  await exited;
  clearTimeout(timer);
}

// `npm start` exactly as the README says, in a fresh clone of this commit, on its own ports:
// it must install, build, start the emulators with the demo data, print the banner, and answer
// the API with a demo login. A broken start-up fails CI here.
describe("npm start", () => {
  test("a fresh clone starts, prints the banner, and the demo owner of two shops lists products", async () => {
    mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, ".cache", "start-clone-"));
    const clone = path.join(dir, "repo");
    execFileSync("git", ["clone", "--quiet", ROOT, clone]);
    // The installed packages are linked in from this checkout (same lockfile, so the scripts'
    // `npm ci` has nothing to do): CI's own fresh-clone install already proves that step, and a
    // second one would cost minutes. Everything after it — Node 22, build, emulator jar,
    // emulators with the demo data, banner, API — runs as a newcomer's `npm start` does.
    for (const dirName of ["", "functions"]) {
      const from = path.join(ROOT, dirName, "node_modules");
      const to = path.join(clone, dirName, "node_modules");
      if (!existsSync(from)) continue;
      execFileSync("cp", ["-al", from, to]);
      const stamp = new Date();
      utimesSync(path.join(to, ".package-lock.json"), stamp, stamp);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, KIRANA_PORT_OFFSET: String(START_PORT_OFFSET) };
    // Not the suite's emulators: the clone starts its own.
    for (const name of Object.keys(env)) if (/^(FIREBASE_|FIRESTORE_|GCLOUD_PROJECT|FUNCTIONS_EMULATOR|CLOUD_TASKS_EMULATOR|STORAGE_EMULATOR|GOOGLE_CLOUD_PROJECT)/.test(name)) delete env[name];
    const child = spawn("npm", ["start"], { cwd: clone, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    try {
      const deadline = Date.now() + 480_000;
      while (!output.includes("Kirana Cloud is running on the emulators.")) {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`no banner after 8 minutes:\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const api = /API\s+(http:\/\/\S+)/.exec(output)![1];
      const auth = /Auth\s+(http:\/\/\S+)/.exec(output)![1];
      expect(api).toContain(String(5001 + START_PORT_OFFSET));

      const signIn = await fetch(`${auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "ramesh@kirana.demo", password: "kirana123", returnSecureToken: true }),
      });
      const { idToken } = (await signIn.json()) as { idToken: string };
      expect(idToken).toEqual(expect.any(String));
      const me = await fetch(`${api}/users/me`, { headers: { authorization: `Bearer ${idToken}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { shops: unknown[] }).shops).toHaveLength(2);
      // The published MSME client names no shop: the owner of two shops gets their current shop's catalog.
      const products = await fetch(`${api}/products`, { headers: { authorization: `Bearer ${idToken}` } });
      expect(products.status).toBe(200);
      expect(((await products.json()) as unknown[]).length).toBeGreaterThan(100);
    } finally {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
