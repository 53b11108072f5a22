// Hand-written for the e2e suite: an Express app with no package.json
// (issue 9, item 3). dockgen detects it from this file's imports and the
// image installs express at its current major from the npm registry.
const express = require('express');

const app = express();
app.get('/', (req, res) => res.send('dockgen e2e node-no-manifest\n'));

const port = process.env.PORT || 8080;
app.listen(port, () => console.log(`listening on ${port}`));
