import { badInput, optionalText } from '@hub/subgraph-kit';
import type { MembershipRow } from '../entities.ts';
import type { MemberLocation } from './types.ts';

/** What an admission may say of where the partner is (AdmitPartnerInput's optional fields). */
export interface LocationInput {
  longitude?: number | null;
  latitude?: number | null;
  place?: string | null;
}

const isNothing = (value: unknown): value is null | undefined => value === null || value === undefined;

function degrees(value: number, field: 'longitude' | 'latitude', limit: number): number {
  if (!Number.isFinite(value) || value < -limit || value > limit) {
    throw badInput(`${field} must be a number of degrees from -${limit} to ${limit} (got ${value})`, field, {
      reason: 'OUT_OF_RANGE',
      limit,
    });
  }
  return value;
}

/**
 * A member's location, checked: longitude and latitude together (WGS 84 degrees, −180..180 and
 * −90..90) or neither; a place only with them. Throws BAD_USER_INPUT naming the field.
 */
export function locationValues(input: LocationInput): { longitude: number | null; latitude: number | null; place: string | null } {
  const place = optionalText(input.place, 'place', 100);
  const { longitude, latitude } = input;
  if (isNothing(longitude) && isNothing(latitude) && place === null) {
    return { longitude: null, latitude: null, place: null };
  }
  for (const [field, value] of [
    ['longitude', longitude],
    ['latitude', latitude],
  ] as const) {
    if (isNothing(value)) {
      throw badInput(`${field} is required with a location (longitude and latitude go together)`, field, { reason: 'REQUIRED' });
    }
  }
  return { longitude: degrees(longitude as number, 'longitude', 180), latitude: degrees(latitude as number, 'latitude', 90), place };
}

/** A membership's location as the API shows it; null when the coordinator gave none. */
export function locationOf(row: Pick<MembershipRow, 'longitude' | 'latitude' | 'place'>): MemberLocation | null {
  if (isNothing(row.longitude) || isNothing(row.latitude)) {
    return null;
  }
  return { longitude: row.longitude, latitude: row.latitude, place: row.place ?? null };
}
