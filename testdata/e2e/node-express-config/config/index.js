// Settings read once at start. Hand-written for dockgen's e2e suite, in the
// shape of many Express apps' config modules: the port comes from here.
module.exports = {
  port: process.env.PORT || 8081,
};
