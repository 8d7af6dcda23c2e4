"""Independent recomputation of the event ids in the golden fixtures (Python's uuid5 and json).

Recipe (README "Event ids"): uuid5(EVNORM_ID_NAMESPACE, JSON of [feed, *parts]) with no spaces.
Run: python3 compute-ids.py
"""
import json
import uuid

NAMESPACE = uuid.UUID('4bf7a3a8-d2fb-5268-957c-d8168348c465')
FEED = 'altcraft.history'


def event_id(*parts):
    return str(uuid.uuid5(NAMESPACE, json.dumps([FEED, *parts], separators=(',', ':'), ensure_ascii=False)))


PROFILE = '65aa0c1f2b3c4d5e6f708192'
XXH = '3f2a9c0d11e4b7a8'
ANN = 'ann@example.org'
IDS = {
    'en': event_id('66f6aaa9da00a9db1c0b2683'),
    'ru-click': event_id('click', '2017-04-05T07:48:44.000000000Z', '1', None, '0eb51aefd919f90a', 'john@example.com', '1', '1', None, None, None),
    'ru-open': event_id('open', '2017-04-05T07:48:44.000000000Z', '1', None, 'a81879594020ac07', 'john@example.com', '1', '1', None, None, None),
    'ru-send': event_id('send', '2017-04-05T07:48:41.000000000Z', '1', None, '0eb51aefd919f90a', 'john@example.com', '1', '1', None, None, None),
    'send_sms': event_id('65ab00000000000000000001'),
    'click_push': event_id('65ab00000000000000000002'),
    'telegram_bot_deliv': event_id('65ab00000000000000000003'),
    'whatsapp_read': event_id('65ab00000000000000000004'),
    'offence': event_id('offence', '2025-10-26T02:00:00.000000000Z', '12', PROFILE, XXH, ANN, '911', '45', None, 'sms', None),
    'suppress': event_id('suppress', '2025-10-26T02:01:00.000000000Z', '12', PROFILE, XXH, ANN, '912', '46', None, None, '3'),
    'web_version_save': event_id('web_version_save', '2025-10-26T02:02:00.000000000Z', '12', None, XXH, ANN, '913', '47', None, 'email', None),
    'import_api': event_id('import_api', '2025-10-26T02:03:00.000000000Z', '12', PROFILE, XXH, ANN, None, None, None, None, None),
    'unsub_manual': event_id('unsub_manual', '2017-04-05T07:48:44.000000000Z', '1', None, '0eb51aefd919f90a', 'john@example.com', None, None, None, None, None),
    'max_send': event_id('max_send', '2025-10-26T02:04:00.000000000Z', '12', None, XXH, ANN, '914', '48', None, 'max_bot', None),
    'hbounce': event_id('65ab00000000000000000005'),
}
IDS['click_push#2'] = event_id('#count', IDS['click_push'], '2')
IDS['hbounce#2'] = event_id('#count', IDS['hbounce'], '2')
IDS['hbounce#3'] = event_id('#count', IDS['hbounce'], '3')

if __name__ == '__main__':
    print(json.dumps(IDS, indent=2))
