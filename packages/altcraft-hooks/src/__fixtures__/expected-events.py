# Expected canonical events of the golden fixtures, written by hand from VENDORS.md §2 and the
# README mapping (not from the adapter's output). Ids: Python's uuid.uuid5 over
# json.dumps([feed, *parts]) in evnorm's namespace, parts as the README lists them.
# Run from this folder: python3 expected-events.py (rewrites the *.events.json files).
import json, uuid
NS = uuid.UUID('4bf7a3a8-d2fb-5268-957c-d8168348c465')
FEED = 'altcraft.hooks'
def eid(*parts):
    assert len(parts) == 14, parts
    return str(uuid.uuid5(NS, json.dumps([FEED, *parts], ensure_ascii=False, separators=(',', ':'))))
def ev(verb, type_, channel, at, raw, parts, **rest):
    e = {'schema': 'evnorm.event.v1', 'id': eid(verb, at, *parts), 'type': type_, 'channel': channel,
         'occurredAt': at, 'count': 1,
         'source': {'vendor': 'altcraft', 'feed': FEED, 'verb': verb, 'idBasis': 'content', 'time': {'raw': raw}}}
    e.update(rest)
    return e
N = None
SMID = '5a9bf01a17_3cd_11_6f_0_2.5a8c045fc1dde44cbf718f78'
FULL = 'fQIQs4FgAAEBIcARAxDxAQAAEJECFQADuZJygDTgWXpQ_BVrkejVzu2bsMzQ3NDkxODlKR8-gA'
EMAILID = 'mzi5c1~+9vqekqmy63mh8xhgt2qjwfkad6lmiafbyn-0te1_uzckfqyi4ry'
LAUNCH = '00000017000003cd5a9bf01a'
UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:59.0) Gecko/20100101 Firefox/59.0'
P = 'abcdefgh12345678'

documented = [
  ev('hbounce', 'message.bounced', 'email', '2025-03-30T01:30:00.123456789Z', '2025-03-30T01:30:00.123456789Z',
     ['23', '65aa0c1f2b3c4d5e6f708192', '…', N, LAUNCH, N, N, N, N, N, N, '550'],
     test=False, attempts=2,
     recipient={'email': 'ann@example.org', 'profileId': '65aa0c1f2b3c4d5e6f708192', 'listId': '12', 'accountId': '23',
                'hashes': {'_xxh': '3f2a9c0d11e4b7a8', '_md5': '0cc175b9c0f1b6a831c399e269772661'},
                'fields': {'email': 'ann@example.org'}},
     campaign={'id': '907', 'launchId': LAUNCH}, message={'id': '41', 'sendId': '…'},
     subscription={'channel': 'email', 'resourceId': '3', 'status': 'hardbounced', 'priority': 0, 'email': 'ann@example.org'},
     profileSubscriptions=[{'channel': 'email', 'resourceId': '3', 'status': 'hardbounced', 'priority': 0, 'email': 'ann@example.org'}],
     details={'class': 'hard', 'codeKind': 'smtp', 'code': '550', 'message': 'No such user'}),
  ev('uclick', 'message.clicked', 'email', '2025-03-30T01:31:05.000000001Z', '2025-03-30T01:31:05.000000001Z',
     ['23', N, N, N, N, 'https://shop.example/x', N, N, N, N, N, N],
     test=False, recipient={'accountId': '23'}, campaign={'id': '907'}, message={'id': '41'},
     context={'ip': '203.0.113.7', 'country': 'EE', 'countryRaw': '.ee'},
     details={'url': 'https://shop.example/x', 'unique': True}),
]

alice_email_sub = {'channel': 'email', 'resourceId': '3', 'status': 'subscribed', 'priority': 0,
                   'email': 'alice@example.org', 'customFields': {'custom_key': 'custom_value'}}
alice_sms_sub = {'channel': 'sms', 'resourceId': '3', 'status': 'subscribed', 'priority': 1, 'phone': '+79001234567'}
groups = [
  ev('uclick', 'message.clicked', 'email', '2018-03-04T13:13:19.034315796Z', '2018-03-04T13:13:19.034315796Z',
     ['23', P, SMID, FULL, LAUNCH, 'http://www.example.com', N, N, N, N, N, N],
     test=False, attempts=2,
     recipient={'email': 'alice@example.org', 'profileId': P, 'listId': '111', 'accountId': '23',
                'hashes': {'_xxh': 'ad1850e0d1d9481e', '_md5': '145bb30f7ddf1184cb560bc4b7705646'},
                'fields': {'email': 'Alice@Example.ORG'}},
     campaign={'id': '973', 'launchId': LAUNCH, 'systemId': '973', 'group': 'test'},
     message={'id': '17', 'sendId': SMID, 'fullSendId': FULL, 'emailSendId': EMAILID},
     subscription={**alice_email_sub, 'hashId': '0a4b910312345'},
     profileSubscriptions=[{**alice_email_sub, 'hashId': '0a4b910312345'}, alice_sms_sub],
     context={'ip': '10.9.0.14', 'userAgent': UA, 'os': 'Linux x86_64', 'browser': 'Firefox', 'device': 'web',
              'country': 'US', 'countryRaw': '.us', 'city': 'New York', 'region': 'Ohio', 'postalCode': '101000',
              'timeZone': 'Europe/Vaduz', 'latitude': 55.244075, 'longitude': 55.244075},
     extra={'is_static': False},
     details={'url': 'http://www.example.com', 'unique': True}),
  ev('open', 'message.opened', 'email', '2018-03-04T13:13:19.034315797Z', '2018-03-04T13:13:19.034315797Z',
     ['23', P, N, N, N, N, N, N, N, N, N, N],
     test=True, recipient={'profileId': P, 'accountId': '23'}, campaign={'id': '973', 'group': 'control'},
     message={'id': '17'}, subscription={'channel': 'email', 'resourceId': '3'},
     context={'device': 'mobile', 'country': 'GB', 'countryRaw': '.uk'}, details={'unique': False}),
  ev('glanced', 'message.read', 'email', '2018-03-04T13:14:00.000000000Z', '2018-03-04T13:14:00Z',
     ['23', P, N, N, N, N, N, N, N, N, N, N],
     test=False, recipient={'profileId': P, 'accountId': '23'}, campaign={'id': '973'}, message={'id': '17'},
     subscription={'channel': 'email', 'resourceId': '3'}, extra={'prev_st': 7}, details={'level': 'glanced'}),
  ev('unsub', 'subscription.unsubscribed', 'email', '2018-03-04T13:13:19.500000000Z', '2018-03-04T16:13:19.5+03:00',
     ['23', P, N, N, N, 'https://example.com/unsubscribe', N, N, N, N, N, N],
     test=False, recipient={'profileId': P, 'accountId': '23'}, campaign={'id': '973'}, message={'id': '17'},
     subscription={'channel': 'email', 'resourceId': '3'}, extra={'link_url': 'https://example.com/unsubscribe'},
     details={'scope': 'channel', 'via': 'link'}),
  ev('send', 'message.sent', 'email', '2018-03-04T13:00:00.000000001Z', '2018-03-04T13:00:00.000000001Z',
     ['23', P, SMID, FULL, LAUNCH, N, N, N, N, N, '5', N],
     test=False, recipient={'profileId': P, 'listId': '111', 'accountId': '23'},
     campaign={'id': '973', 'launchId': LAUNCH},
     message={'id': '17', 'sendId': SMID, 'fullSendId': FULL, 'emailSendId': EMAILID},
     subscription={'channel': 'email', 'resourceId': '3'}, extra={'segment_id': '5'}),
  ev('deliv_push', 'message.delivered', 'push', '2018-03-04T13:00:01.250000000Z', '2018-03-04T13:00:01.25Z',
     ['23', P, '5a9bf01b17_3ce_11_6f_0_2.5a8c045fc1dde44cbf718f79', N, '00000017000003ce5a9bf01b', N, N, N, N, N, N, N],
     test=False,
     recipient={'profileId': P, 'accountId': '23', 'push': {'provider': 'androidfirebase', 'subscriptionId': 'd3f1c2'}},
     campaign={'id': '974', 'launchId': '00000017000003ce5a9bf01b'},
     message={'id': '18', 'sendId': '5a9bf01b17_3ce_11_6f_0_2.5a8c045fc1dde44cbf718f79',
              'extraUid': 'ew4Sgf41Qwjq8_2_2E_w_k___t.2SDvJv8bvBYQFtSDx_7bTV2f.2_2E_4Sgf41DXc7Z_D',
              'provider': 'YandexAppMetricaDeviceIDAndroid'},
     subscription={'channel': 'push', 'resourceId': '4', 'status': 'subscribed', 'priority': 0,
                   'push': {'provider': 'androidfirebase', 'subscriptionId': 'd3f1c2'}},
     profileSubscriptions=[{'channel': 'push', 'resourceId': '4', 'status': 'subscribed', 'priority': 0,
                            'push': {'provider': 'androidfirebase', 'subscriptionId': 'd3f1c2'}}]),
  ev('sbounce_push', 'message.bounced', 'push', '2018-03-04T13:00:02.000000000Z', '2018-03-04T13:00:02Z',
     ['23', P, N, N, N, N, N, N, N, N, N, '500'],
     test=False, recipient={'profileId': P, 'accountId': '23'}, campaign={'id': '974'}, message={'id': '18'},
     subscription={'channel': 'push', 'resourceId': '4'},
     details={'class': 'soft', 'code': '500', 'message': 'No such email'}),
  ev('undeliv_sms', 'message.delivery_failed', 'sms', '2018-03-04T13:00:03.000000000Z', '2018-03-04T13:00:03Z',
     ['23', P, N, N, N, N, N, N, N, N, N, '400'],
     test=False, recipient={'profileId': P, 'accountId': '23'},
     details={'code': '400', 'message': 'Invalid Caller ID'}),
  ev('pixel_open', 'goal.reached', 'web', '2018-03-04T13:20:00.000100000Z', '2018-03-04T13:20:00.000100000Z',
     ['23', 'ad1850e0d1d9481e', N, N, N, N, '41', N, N, N, N, N],
     test=False, recipient={'accountId': '23', 'hashes': {'_xxh': 'ad1850e0d1d9481e'}},
     context={'ip': '10.9.0.14', 'userAgent': UA, 'os': 'Linux x86_64', 'browser': 'Firefox', 'device': 'web',
              'country': 'RU', 'countryRaw': '.ru', 'city': 'Moscow', 'region': 'Ryazanskaya oblast',
              'postalCode': '390000', 'timeZone': 'Europe/Vaduz', 'latitude': 55.244075, 'longitude': 55.244075},
     details={'pixelId': '41'}),
  ev('popup_click', 'form.clicked', 'web', '2018-03-04T13:21:00.000000000Z', '2018-03-04T13:21:00Z',
     ['23', P, 'fGmXiWU9Y4NSIpCwl4QQQQEQEAABCRA', N, N, N, N, '123', N, N, N, N],
     test=False, recipient={'profileId': P, 'accountId': '23'}, message={'sendId': 'fGmXiWU9Y4NSIpCwl4QQQQEQEAABCRA'},
     details={'surface': 'popup', 'formId': '123', 'element': 'main_block', 'url': 'example.com/page',
              'referrer': 'api.example.com',
              'utm': {'campaign': 'utm_campaign', 'content': 'utm_content', 'source': 'utm_source'}}),
  ev('popup_post', 'form.submitted', 'web', '2018-03-04T13:21:30.000000000Z', '2018-03-04T13:21:30Z',
     ['23', P, N, N, N, N, N, '123', '7bc142b5-7f38-4272-bc7e-7539f70b25b1', N, N, N],
     test=False, recipient={'profileId': P, 'accountId': '23'},
     details={'surface': 'popup', 'formId': '123', 'referrer': 'api.example.com',
              'submissionId': '7bc142b5-7f38-4272-bc7e-7539f70b25b1'}),
  ev('popup_error', 'form.failed', 'web', '2018-03-04T13:22:00.000000000Z', '2018-03-04T13:22:00Z',
     ['23', N, N, N, N, N, N, '123', N, N, N, N],
     test=False, recipient={'accountId': '23'},
     details={'surface': 'popup', 'formId': '123', 'error': 'object_not_found', 'errorCategory': '404'}),
  ev('promocode_activate', 'promocode.activated', 'none', '2020-10-25T13:28:52.500000000Z', '2020-10-25T13:28:52.5Z',
     ['23', N, N, N, N, N, N, N, N, 'TEST-XOUH-KBJM-J5K9-24I1', N, N],
     test=False, recipient={'listId': '123456', 'accountId': '23'}, extra={'attached': '2020-10-25T13:28:52Z'},
     details={'code': 'TEST-XOUH-KBJM-J5K9-24I1', 'loyaltyId': '9', 'at': '2020-10-25T13:28:52.000000000Z'}),
  ev('segs_add', 'segment.entered', 'none', '2020-10-25T14:00:00.000000000Z', '2020-10-25T14:00:00Z',
     ['23', P, N, FULL, N, N, N, N, N, N, '80', N],
     test=False, recipient={'profileId': P, 'accountId': '23'}, campaign={'id': '9'}, message={'fullSendId': FULL},
     details={'segmentId': '80'}),
  ev('profile_merge', 'profile.merged', 'none', '2020-10-25T15:00:00.000000000Z', '2020-10-25T15:00:00Z',
     ['23', P, N, N, N, N, N, N, N, N, N, N],
     test=False, recipient={'profileId': P, 'accountId': '23'},
     details={'destination': [{'db_id': 1, 'email': 'ann@example.org'}]}),
  ev('web_version_save', 'unknown', 'email', '2020-10-25T16:00:00.000000000Z', '2020-10-25T16:00:00Z',
     ['23', P, N, N, N, 'https://example.com/web', N, N, N, N, N, N],
     test=False, recipient={'email': 'alice@example.org', 'profileId': P, 'accountId': '23'}, message={'id': '17'},
     subscription={'channel': 'email', 'resourceId': '3', 'status': 'subscribed', 'email': 'alice@example.org'},
     profileSubscriptions=[{'channel': 'email', 'resourceId': '3', 'status': 'subscribed', 'email': 'alice@example.org'}],
     extra={'link_url': 'https://example.com/web'}),
  ev('telegram_bot_subscribe', 'subscription.subscribed', 'telegram', '2020-10-25T17:00:00.000000000Z', '2020-10-25T17:00:00Z',
     ['23', P, N, N, N, N, N, N, N, N, N, N],
     recipient={'profileId': P, 'accountId': '23'},
     subscription={'channel': 'telegram', 'resourceId': '5', 'status': 'subscribed', 'chatId': '123456789'},
     profileSubscriptions=[{'channel': 'telegram', 'resourceId': '5', 'status': 'subscribed', 'chatId': '123456789'}],
     details={'scope': 'channel'}),
  ev('offence', 'message.dropped', 'viber', '2020-10-25T18:00:00.000000000Z', '2020-10-25T18:00:00Z',
     ['23', P, N, N, N, N, N, N, N, N, N, N],
     test=False, recipient={'phone': '+79007654321', 'profileId': P, 'accountId': '23'}, message={'id': '19'},
     subscription={'channel': 'viber', 'resourceId': '6', 'status': 'suspended', 'phone': '+79007654321'},
     profileSubscriptions=[{'channel': 'viber', 'resourceId': '6', 'status': 'suspended', 'phone': '+79007654321'}],
     details={'reason': 'sending_policy'}),
]

historical = [
  ev('deliv', 'message.delivered', 'email', '2019-01-01T00:00:00.000000000Z', '2019-01-01T00:00:00.000000000Z',
     ['23', N, SMID, N, LAUNCH, N, N, N, N, N, N, N],
     test=False, recipient={'listId': '12', 'accountId': '23'}, campaign={'id': '907', 'launchId': LAUNCH},
     message={'id': '41', 'sendId': SMID}, subscription={'channel': 'email', 'resourceId': '3'}),
  ev('open', 'message.opened', 'email', '2019-01-01T00:05:00.500000000Z', '2019-01-01T00:05:00.5Z',
     ['23', N, N, N, N, N, N, N, N, N, N, N],
     test=False, recipient={'accountId': '23'}, campaign={'id': '907'}, message={'id': '41'}, details={'unique': False}),
  ev('complain', 'message.complained', 'email', '2019-01-02T10:00:00.000000000Z', '2019-01-02T10:00:00Z',
     ['23', '65aa0c1f2b3c4d5e6f708192', N, N, N, N, N, N, N, N, N, N],
     test=False, recipient={'email': 'ann@example.org', 'phone': '+3725551234', 'profileId': '65aa0c1f2b3c4d5e6f708192',
                            'accountId': '23', 'fields': {'email': 'ann@example.org', 'phone': '+372 555 1234'}}),
]

for name, events in [('documented-batch', documented), ('event-groups', groups), ('historical-export', historical)]:
    with open(f'{name}.events.json', 'w') as f:
        json.dump(events, f, ensure_ascii=False, indent=2)
        f.write('\n')
print('ok')
