import { describe, expect, it } from 'vitest';
import { osmandCredentials } from '../../src/domain/osmand-credentials.js';

const SECRET = `mcd_${'s'.repeat(43)}`;

describe('OsmAnd credentials', () => {
  it.each([
    ['id and key in the query', { queryStringParameters: { id: '123456', key: SECRET, lat: '1' } }],
    ['deviceid in the query', { queryStringParameters: { deviceid: '123456', key: SECRET } }],
    ['a form body', { body: `id=123456&key=${encodeURIComponent(SECRET)}&lat=1.5` }],
    [
      'a JSON body with device_id and the key in the query',
      { queryStringParameters: { key: SECRET }, body: '{"device_id":"123456","location":{}}' },
    ],
    ['a numeric device_id', { queryStringParameters: { key: SECRET }, body: '{"device_id":123456}' }],
    [
      'a base64 body',
      {
        queryStringParameters: { key: SECRET },
        body: Buffer.from('deviceid=123456').toString('base64'),
        isBase64Encoded: true,
      },
    ],
    [
      'a bearer header',
      { queryStringParameters: { id: '123456' }, headers: { Authorization: `Bearer ${SECRET}` } },
    ],
  ])('finds the device and its secret in %s', (_case, request) => {
    // Act & Assess
    expect(osmandCredentials(request)).toEqual({ uniqueId: '123456', secret: SECRET });
  });

  it('prefers the query to the body, and a key parameter to a header', () => {
    // Act
    const found = osmandCredentials({
      queryStringParameters: { id: 'from-query', key: 'query-key' },
      headers: { authorization: 'Bearer header-key' },
      body: 'id=from-body&key=body-key',
    });

    // Assess
    expect(found).toEqual({ uniqueId: 'from-query', secret: 'query-key' });
  });

  it.each([
    ['nothing', {}],
    ['null parts, as API Gateway sends them', { queryStringParameters: null, headers: null, body: null }],
    ['empty values', { queryStringParameters: { id: ' ', key: '' } }],
    ['a body that is not JSON though it looks like it', { body: '{"device_id":' }],
    ['a JSON array', { body: '["123456"]' }],
    ['a Basic header', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }],
  ])('finds nothing in %s', (_case, request) => {
    // Act & Assess
    expect(osmandCredentials(request)).toEqual({});
  });
});
