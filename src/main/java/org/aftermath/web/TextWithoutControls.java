package org.aftermath.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string in a JSON body is refused when it holds a control character other than tab, line feed and
 * carriage return: PostgreSQL cannot store NUL, and the others only ever arrive by mistake or malice. The
 * refusal names the field (400), before any service sees the value.
 */
@Singleton
public class TextWithoutControls implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("aftermath-text").addDeserializer(String.class, new Checked()));
    }

    /** The first forbidden character's position, or -1. */
    public static int forbiddenAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static final class Checked extends StdScalarDeserializer<String> {

        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && forbiddenAt(text) >= 0) {
                throw InvalidFormatException.from(parser, "control character in text", text, String.class);
            }
            return text;
        }
    }
}
