// The failure converter of every client and worker (DataConverter.failureConverterPath): error
// messages and stack traces travel as an encoded payload, so the payload codec encrypts them too
// (an SMTP refusal, for one, quotes the recipient's e-mail address). CommonJS and plain JS because
// the SDK loads it with require() in the API, the worker and the tests alike, and bundles it into
// the workflow sandbox.
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
