package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The page links users paste are turned into the links that serve the file, as AICoverGen's download does. */
class DownloadLinkTest {
    @Test
    void a_pixeldrain_page_becomes_its_file_api_link() {
        assertThat(ModelsAddCommand.downloadLink("https://pixeldrain.com/u/AbC123"))
                .isEqualTo("https://pixeldrain.com/api/file/AbC123");
    }

    @Test
    void a_hugging_face_blob_page_becomes_its_resolve_link() {
        assertThat(ModelsAddCommand.downloadLink("https://huggingface.co/someone/voices/blob/main/Singer.zip"))
                .isEqualTo("https://huggingface.co/someone/voices/resolve/main/Singer.zip");
        // only the path segment after the repository is rewritten, not a folder that happens to be named blob
        assertThat(ModelsAddCommand.downloadLink("https://huggingface.co/someone/voices/blob/main/blob/Singer.zip"))
                .isEqualTo("https://huggingface.co/someone/voices/resolve/main/blob/Singer.zip");
    }

    @Test
    void other_links_and_direct_links_are_left_alone() {
        for (String url : new String[] {"https://huggingface.co/someone/voices/resolve/main/Singer.zip",
            "https://pixeldrain.com/api/file/AbC123", "https://example.com/blob/Singer.zip",
            "http://127.0.0.1:8080/files/Singer.zip"}) {
            assertThat(ModelsAddCommand.downloadLink(url)).as(url).isEqualTo(url);
        }
    }
}
