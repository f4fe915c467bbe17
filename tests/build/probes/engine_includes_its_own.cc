// Must compile: what the engines do include, with their include path; it
// shows that the failing probes fail for the layering, not for the probe.
#include "advisor/v1/knowledge_base.pb.h"
#include "service/engines/snapshot.h"
#include "service/text/text_analyzer.h"

int EngineProbe() { return advisor::v1::Framework().ByteSizeLong() == 0 ? 0 : 1; }
