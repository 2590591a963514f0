/** The HuBERT / ContentVec content encoder on DJL, as RVC runs fairseq's HubertModel at inference. */
package io.rvc4j.engine.hubert;
