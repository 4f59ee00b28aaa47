import { readFileSync } from 'node:fs';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, compiledEntryFile, deployables } from '../scripts/build-services.ts';
import { demo, gql, startTestHub } from './support/hub.ts';

/**
 * The hub as production runs it: `pnpm build`'s output under plain Node. (Development mode,
 * because production refuses the development keys and secrets a test hub has; the mode changes
 * settings, not what runs.)
 */

const jointList = /* GraphQL */ `
  query JointList($id: ID!) {
    alliance(id: $id) {
      coBuildingList(first: 100) {
        totalCount
        edges { node { __typename id title partnerId } }
      }
    }
  }
`;

let hub: RunningStack;
// 6001, not 6000: fetch refuses port 6000 (X11) outright.

beforeAll(async () => {
  await buildServices();
  hub = await startTestHub(6001, { compiled: true });
});

afterAll(async () => {
  await hub?.stop();
});

/** A process's command line, argument by argument. */
function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** A process's environment variable, read from the operating system (what the process started with). */
function environmentOf(pid: number, name: string): string | undefined {
  const entry = readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((line) => line.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

describe('the hub compiled by pnpm build', () => {
  it('runs every process from its dist/index.js with plain Node, no TypeScript loader', () => {
    const pids = hub.processIds();
    const folders = new Map(deployables().map((d) => [d.name, d.folder]));
    expect(Object.keys(pids).sort()).toEqual([...folders.keys()].sort());
    for (const [name, pid] of Object.entries(pids)) {
      const args = commandLine(pid);
      expect(args.at(-1), name).toBe(`${folders.get(name)}/${compiledEntryFile}`);
      expect(args.join(' '), name).not.toMatch(/tsx|--import|--loader|--experimental-strip-types/);
      expect(environmentOf(pid, 'NODE_OPTIONS') ?? '', name).not.toMatch(/tsx|--import|--loader/);
    }
  });

  it('answers the joint list through the gateway with every partner kind, the kinds compiled into the alliance', async () => {
    const response = await gql(hub.gatewayUrl, jointList, { id: demo.alliances.highway });
    expect(response.errors).toBeUndefined();
    const list = response.data.alliance.coBuildingList;
    expect(list.totalCount).toBeGreaterThan(0);
    expect(new Set(list.edges.map((edge: { node: { __typename: string } }) => edge.node.__typename))).toEqual(
      new Set(['EnterpriseCommitment', 'TownVillageCommitment', 'TrafficPoliceCommitment', 'UniversityCommitment']),
    );
  });
});
