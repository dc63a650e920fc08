import type { EnrolRequest, EnrolResponse } from '../../shared/sync-protocol';
import { DataError, type DeviceSession } from '../data/contract';
import { parsePolicyKeys } from './policy-keys';
import { createApiClient, normalizeBaseUrl, SyncHttpError, type FetchImpl } from './http-client';

/**
 * POST /api/v1/devices/enrol. Failures become DataErrors with the server's
 * code ('enrol.badCode', 'enrol.unknownStation', 'request.invalid', …) or
 * 'network.unreachable' when the server was not reached.
 */
export async function enrolDevice(fetchImpl: FetchImpl, serverUrl: string, request: EnrolRequest): Promise<DeviceSession> {
  const base = normalizeBaseUrl(serverUrl);
  if (!/^https?:\/\/[^/]+/.test(base)) throw new DataError('enrol.serverUrl', { field: 'serverUrl' });
  const api = createApiClient({ fetchImpl, baseUrl: base });
  let response: EnrolResponse;
  try {
    response = await api.post<EnrolResponse>('/devices/enrol', request);
  } catch (error) {
    if (error instanceof SyncHttpError) throw new DataError(error.code);
    throw error;
  }
  // Absent from older servers: the sync controller then fetches them (GET /policy-keys).
  const policyKeys = response.policyKeys === undefined ? undefined : parsePolicyKeys(response.policyKeys);
  return {
    ...(policyKeys ? { policyKeys } : {}),
    deviceId: response.deviceId,
    deviceNo: response.deviceNo,
    token: response.token,
    serverUrl: base,
    stationId: response.station.id,
    stationCode: response.station.code,
    stationName: response.station.name,
    cityName: response.city.name,
    regionCode: response.city.regionCode,
    personKeySecret: response.personKeySecret,
    staff: response.staff,
  };
}
