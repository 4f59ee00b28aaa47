import { ErrorCode, type InternalSigner } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { badInput, hubError } from '@hub/subgraph-kit';
import { postToAlliance } from './alliance-client.ts';

/** How long a fetched member list is trusted before asking the alliance again. */
const freshForMs = 30_000;

/**
 * The alliances' member lists as the partner subgraph needs them to validate writes (a partner
 * may only publish to, host in, and invite within alliances it belongs to). Lists are fetched
 * from the alliance subgraph's `/members` route and cached; while the alliance is unreachable a
 * cached list is still used, and without one the write is refused with SUBGRAPH_UNAVAILABLE.
 */
export class MembershipDirectory {
  private readonly cache = new Map<string, { partners: Set<string>; at: number }>();

  constructor(
    private readonly membersUrl: string,
    private readonly signer: InternalSigner,
  ) {}

  private async fetchMembers(allianceId: string): Promise<Set<string> | null> {
    const response = await postToAlliance(this.membersUrl, { allianceId }, this.signer, 3000);
    if (response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error(`alliance answered ${response.status}`);
    }
    const body = (await response.json()) as { partnerIds: string[] };
    return new Set(body.partnerIds);
  }

  /**
   * The member partner ids of an alliance; BAD_USER_INPUT when there is no such alliance.
   * `fresh` skips the cache (used before refusing someone the cache does not list).
   */
  async members(allianceId: string, fresh = false): Promise<Set<string>> {
    const cached = this.cache.get(allianceId);
    if (cached && !fresh && Date.now() - cached.at < freshForMs) {
      return cached.partners;
    }
    let partners: Set<string> | null;
    try {
      partners = await this.fetchMembers(allianceId);
    } catch (error) {
      if (cached) {
        return cached.partners;
      }
      logger(this.signer.issuer).warn(`membership check failed: ${(error as Error).message}`);
      throw hubError(ErrorCode.SUBGRAPH_UNAVAILABLE, 'The alliance registry cannot be reached to check membership; try again shortly');
    }
    if (!partners) {
      throw badInput(`There is no alliance ${allianceId}`, 'allianceId');
    }
    this.cache.set(allianceId, { partners, at: Date.now() });
    return partners;
  }

  /** Throws BAD_USER_INPUT unless every partner in `partnerIds` belongs to the alliance. */
  async assertMembers(allianceId: string, partnerIds: string[], field: string): Promise<void> {
    let members = await this.members(allianceId);
    if (partnerIds.some((id) => !members.has(id))) {
      members = await this.members(allianceId, true); // admitted since the list was fetched?
    }
    const outsiders = partnerIds.filter((id) => !members.has(id));
    if (outsiders.length > 0) {
      throw badInput(`Not a member of this alliance: ${outsiders.join(', ')}`, field);
    }
  }
}
