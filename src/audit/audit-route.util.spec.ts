import { actionOf, changedFieldNames, resourceIdOf, resourceTypeOf } from './audit-route.util';

describe('audit route helpers', () => {
  it('names the resource type from the route', () => {
    expect(resourceTypeOf('/bots/:id')).toBe('bots');
    expect(resourceTypeOf('/bots/:id/stances')).toBe('bots');
    expect(resourceTypeOf('/bots/stances/:id')).toBe('stances');
    expect(resourceTypeOf('/auth/api-keys')).toBe('api_keys');
    expect(resourceTypeOf('/auth/api-keys/:id')).toBe('api_keys');
    expect(resourceTypeOf('/control/start')).toBe('control');
    expect(resourceTypeOf('/settings/bulk')).toBe('settings');
    expect(resourceTypeOf('/')).toBe('root');
  });

  it('names the action by method and route', () => {
    expect(actionOf('patch', '/users/:id')).toBe('PATCH /users/:id');
  });

  it('takes the id from the first route parameter, else from the created row', () => {
    expect(resourceIdOf({ id: '12' }, { id: 99 })).toBe('12');
    expect(resourceIdOf({}, { id: 99, name: 'x' })).toBe('99');
    expect(resourceIdOf({}, [{ id: 1 }])).toBeNull();
    expect(resourceIdOf({}, undefined)).toBeNull();
  });

  it('records field names, never values, and does not descend into secrets', () => {
    const names = changedFieldNames({
      username: 'alice',
      password: 'correct horse battery',
      updates: { max_messages_per_hour: 5, '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw': 1 },
      secret: { inner: 'x' },
    });
    expect(names).toEqual([
      'username',
      'password',
      'updates.max_messages_per_hour',
      'updates.[REDACTED]',
      'secret',
    ]);
    expect(JSON.stringify(names)).not.toContain('correct horse');
    expect(changedFieldNames('text')).toEqual([]);
  });
});
