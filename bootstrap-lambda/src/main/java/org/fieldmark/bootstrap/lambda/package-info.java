/**
 * AWS Lambda handlers and their wiring from the environment. Built in the AWS-path issue.
 */
package org.fieldmark.bootstrap.lambda;
