import { performance } from 'node:perf_hooks';
import { stableId } from '@hub/contracts';
import { postGraphql } from './graphql-http.ts';

const createMutation = /* GraphQL */ `
  mutation BenchCreate($allianceId: ID!, $input: TrafficPoliceCommitmentInput!) {
    trafficPolice { createCommitment(allianceId: $allianceId, input: $input) { id version } }
  }
`;
const publishMutation = /* GraphQL */ `
  mutation BenchPublish($id: ID!, $version: Int!) { trafficPolice { publishCommitment(id: $id, version: $version) { id status } } }
`;

/** Creates drafts and publishes them through the gateway, as a traffic-police partner editor. */
export class HubPublisher {
  constructor(
    private readonly gatewayUrl: string,
    private readonly editorToken: string,
    private readonly allianceId: string,
  ) {}

  private mutate(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
    return postGraphql(this.gatewayUrl, this.editorToken, query, variables);
  }

  /** Creates `count` drafts (not yet on the joint list, so no events), `parallel` at a time; returns their ids. */
  async createDrafts(count: number, parallel = 4): Promise<string[]> {
    const ids: string[] = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const data = await this.mutate(createMutation, {
          allianceId: this.allianceId,
          input: {
            title: `压测：大屏推送第 ${i + 1} 条`,
            category: 'WORK_LINKAGE',
            dueDate: '2027-03-01',
            roadSection: `G15 K${1500 + i}—K${1501 + i}`,
            guarantees: ['SAFETY'],
            branchId: stableId('branch/highway-traffic-police'),
          },
        });
        ids[i] = data.trafficPolice.createCommitment.id;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return ids;
  }

  /** Publishes a draft; resolves with performance.now() when the mutation's response arrived (committed). */
  async publish(id: string): Promise<number> {
    await this.mutate(publishMutation, { id, version: 1 });
    return performance.now();
  }
}
