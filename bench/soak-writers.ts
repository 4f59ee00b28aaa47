import { demo } from '@hub/contracts';
import { postGraphql } from './graphql-http.ts';
import { demoToken } from './tokens.ts';

/** A partner editor of the demo data: who, the mutations' namespace and input type, which alliance. */
interface EditorSpec {
  readonly user: string;
  readonly namespace: 'enterprise' | 'townVillage' | 'university' | 'trafficPolice';
  readonly input: string;
  readonly allianceId: string;
}

const editors: readonly EditorSpec[] = [
  { user: 'enterprise-editor', namespace: 'enterprise', input: 'EnterpriseCommitmentInput', allianceId: demo.alliances.highway },
  { user: 'town-village-editor', namespace: 'townVillage', input: 'TownVillageCommitmentInput', allianceId: demo.alliances.highway },
  { user: 'university-editor', namespace: 'university', input: 'UniversityCommitmentInput', allianceId: demo.alliances.highway },
  { user: 'traffic-police-editor', namespace: 'trafficPolice', input: 'TrafficPoliceCommitmentInput', allianceId: demo.alliances.highway },
  { user: 'tangyuan-project-editor', namespace: 'enterprise', input: 'EnterpriseCommitmentInput', allianceId: demo.alliances.tangyuan },
  { user: 'tangyuan-village-editor', namespace: 'townVillage', input: 'TownVillageCommitmentInput', allianceId: demo.alliances.tangyuan },
];

/** Items an editor keeps in progress at once; beyond that it advances the oldest. */
const openItems = 3;
const progressStep = 25;

/** Cumulative write counts (each write but `creates` puts one event on the joint list). */
export interface WriteCounters {
  creates: number;
  publishes: number;
  progressReports: number;
  completions: number;
  errors: number;
  firstError: string | null;
}

interface Item {
  readonly id: string;
  version: number;
  progress: number;
}

/** The four writes, in the editor's namespace; each answers the item's id and new version. */
function operations({ namespace: ns, input }: EditorSpec) {
  const item = '{ id version }';
  return {
    create: `mutation SoakCreate($allianceId: ID!, $input: ${input}!) { ${ns} { createCommitment(allianceId: $allianceId, input: $input) ${item} } }`,
    publish: `mutation SoakPublish($id: ID!, $version: Int!) { ${ns} { publishCommitment(id: $id, version: $version) ${item} } }`,
    progress: `mutation SoakProgress($id: ID!, $version: Int!, $input: ProgressInput!) { ${ns} { reportProgress(id: $id, version: $version, input: $input) ${item} } }`,
    complete: `mutation SoakComplete($id: ID!, $version: Int!) { ${ns} { completeCommitment(id: $id, version: $version) ${item} } }`,
  };
}

class Editor {
  private readonly items: Item[] = [];
  private readonly operations: ReturnType<typeof operations>;

  constructor(
    private readonly spec: EditorSpec,
    private readonly token: string,
    private readonly gatewayUrl: string,
    private readonly counters: WriteCounters,
  ) {
    this.operations = operations(spec);
  }

  private async mutate(operation: keyof ReturnType<typeof operations>, variables: Record<string, unknown>): Promise<Item> {
    const data = await postGraphql(this.gatewayUrl, this.token, this.operations[operation], variables);
    const { id, version } = Object.values(data[this.spec.namespace])[0] as { id: string; version: number };
    return { id, version, progress: 0 };
  }

  /**
   * One event-producing write: publish a new item (created as a draft first) while fewer than
   * `openItems` are open, else advance the oldest by a progress report, or complete it (销项)
   * once at 100 %. An item whose write failed is dropped: its version may no longer be known.
   */
  async write(sequence: number): Promise<void> {
    const oldest = this.items.length >= openItems ? this.items[0] : undefined;
    if (!oldest) {
      const draft = await this.mutate('create', {
        allianceId: this.spec.allianceId,
        input: { title: `压测：长稳运行第 ${sequence} 项`, category: 'WORK_LINKAGE', dueDate: '2027-06-30' },
      });
      this.counters.creates += 1;
      this.items.push(await this.mutate('publish', { id: draft.id, version: draft.version }));
      this.counters.publishes += 1;
      return;
    }
    try {
      if (oldest.progress < 100) {
        const progress = Math.min(100, oldest.progress + progressStep);
        const { version } = await this.mutate('progress', {
          id: oldest.id,
          version: oldest.version,
          input: { percent: progress, text: `推进到 ${progress}%` },
        });
        Object.assign(oldest, { version, progress });
        this.counters.progressReports += 1;
      } else {
        await this.mutate('complete', { id: oldest.id, version: oldest.version });
        this.items.shift();
        this.counters.completions += 1;
      }
    } catch (error) {
      this.items.splice(this.items.indexOf(oldest), 1);
      throw error;
    }
  }
}

/**
 * The demo partner editors (four kinds, both alliances), each writing in turn through the
 * gateway at a steady overall rate; each editor's writes are sequential, so versions stay
 * right. A failed write is counted and the editor goes on.
 */
export function startWriters(gatewayUrl: string, writesPerSecond: number) {
  const counters: WriteCounters = { creates: 0, publishes: 0, progressReports: 0, completions: 0, errors: 0, firstError: null };
  const intervalMs = (editors.length * 1000) / writesPerSecond;
  let running = true;
  let sequence = 0;
  const run = async (spec: EditorSpec, index: number) => {
    const editor = new Editor(spec, await demoToken(spec.user), gatewayUrl, counters);
    // Staggered, so the editors' writes spread evenly over each interval.
    let due = performance.now() + (index * intervalMs) / editors.length;
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      due += intervalMs;
      if (!running) {
        break;
      }
      await editor.write(++sequence).catch((error: unknown) => {
        counters.errors += 1;
        counters.firstError ??= `${spec.user}: ${error instanceof Error ? error.message : String(error)}`;
      });
    }
  };
  const loops = Promise.all(editors.map(run));
  return {
    counters,
    /** Stops writing and waits for the writes in flight. */
    async stop() {
      running = false;
      await loops;
    },
  };
}
