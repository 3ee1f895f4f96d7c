package io.jenkins.plugins.bluegreen.verify.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Flattens a JSON document to key=value pairs by path: {@code {"db":{"pool":[4,8]}}} gives {@code db.pool[0]=4} and
 * {@code db.pool[1]=8}. Empty objects and arrays inside the document are kept as {@code {}} and {@code []}, so that
 * their presence is compared too; an empty document has no keys.
 */
final class JsonFlattener {

    private JsonFlattener() {}

    static void flatten(JsonNode node, String path, Map<String, String> into) {
        if (path.isEmpty() && node.isContainerNode() && node.isEmpty()) {
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), into);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", into);
            }
        } else {
            into.put(path, node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
