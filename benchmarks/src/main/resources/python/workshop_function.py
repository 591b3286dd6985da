#!/usr/bin/env python3
# The anchor of issue 17 goal 2: the workshop's Python Lambda (S3 trigger -> SageMaker endpoint ->
# SNS text), re-implemented from its behaviour (the same constants and message as
# domain/src/test/resources/golden/generate_golden.py), run the way Lambda's Python runtime runs a
# handler: a loop over the Lambda Runtime API (GET .../invocation/next, POST .../response) in one
# process, clients built once at init. LambdaBenchmark starts it next to the Java function with the
# same environment and the same loopback S3 / SageMaker Runtime / SNS stand-ins.
# Needs boto3 (FIELDMARK_BENCH_PYTHON names the interpreter; Debian: apt-get install python3-boto3).
import http.client
import json
import os
import urllib.parse

import boto3
from botocore.config import Config

CATEGORIES = ['Purple Martin', 'Northern Cardinal', 'American Goldfinch', 'Eastern Bluebird']
TOP_K = 2
THRESHOLD = 0.70

# Init: the clients, once (the loopback S3 stand-in needs path-style addressing).
s3 = boto3.client('s3', config=Config(s3={'addressing_style': 'path'}))
sagemaker = boto3.client('sagemaker-runtime')
sns = boto3.client('sns')
ENDPOINT = os.environ['SAGEMAKER_ENDPOINT_NAME']
TOPIC = os.environ['SNS_TOPIC_ARN']


def message(key, probabilities):
    ranked = sorted(range(len(probabilities)), key=lambda i: (-probabilities[i], i))
    top = ranked[0]
    if probabilities[top] > THRESHOLD:
        return 'Bird [' + key + '] is a: ' + CATEGORIES[top] + '(' + '{:2.2f}'.format(probabilities[top]) + ')'
    entries = [CATEGORIES[i] + '(' + '{:2.2f}'.format(probabilities[i]) + ')' for i in ranked[:TOP_K]]
    return 'Bird [' + key + '] may be a: ' + ', or '.join(entries)


def handler(event, _context):
    for record in event['Records']:
        bucket = record['s3']['bucket']['name']
        key = urllib.parse.unquote_plus(record['s3']['object']['key'])
        photo = s3.get_object(Bucket=bucket, Key=key)['Body'].read()
        answer = sagemaker.invoke_endpoint(EndpointName=ENDPOINT, ContentType='application/x-image', Body=photo)
        probabilities = json.loads(answer['Body'].read())
        sns.publish(TopicArn=TOPIC, Message=message(key, probabilities))
    return {'statusCode': 200}


def main():
    host, port = os.environ['AWS_LAMBDA_RUNTIME_API'].rsplit(':', 1)
    runtime = http.client.HTTPConnection(host, int(port))
    base = '/2018-06-01/runtime/invocation/'
    while True:
        runtime.request('GET', base + 'next')
        response = runtime.getresponse()
        event = json.loads(response.read())
        request_id = response.getheader('Lambda-Runtime-Aws-Request-Id')
        try:
            body, outcome = json.dumps(handler(event, None)), 'response'
        except Exception as e:  # the runtime reports any failure of the handler
            body, outcome = json.dumps({'errorMessage': str(e), 'errorType': type(e).__name__}), 'error'
        runtime.request('POST', base + request_id + '/' + outcome, body=body,
                        headers={'Content-Type': 'application/json'})
        runtime.getresponse().read()


if __name__ == '__main__':
    main()
